// SHA-256 (Web Crypto) as lowercase hex, of bytes or a Blob: for the page's download list and, in
// the worker, the open image's digest.
export async function sha256(data) {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
