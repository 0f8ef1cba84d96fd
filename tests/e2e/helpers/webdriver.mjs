// A minimal W3C WebDriver client (plain HTTP + JSON), enough to drive WebKitGTK's MiniBrowser
// through Debian's WebKitWebDriver: sessions, navigation, elements, scripts.
export class WebDriverSession {
  static async create(base, capabilities) {
    const value = await request(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(base, value.sessionId);
  }

  constructor(base, id) {
    this.base = base;
    this.path = `/session/${id}`;
  }

  call(method, path, body) {
    return request(this.base, method, this.path + path, body);
  }

  goto(url) {
    return this.call('POST', '/url', { url });
  }

  /** The element's id, or null when none matches `css`. */
  async find(css) {
    try {
      return Object.values(await this.call('POST', '/element', { using: 'css selector', value: css }))[0];
    } catch (err) {
      if (err.code === 'no such element') return null;
      throw err;
    }
  }

  /** Runs `body` (an async function's body; `arguments` as usual) in the page and returns its value. */
  run(body, args = []) {
    return this.call('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1]; (async () => { ${body} })().then(done, (e) => done({ error: String(e) }));`,
      args,
    });
  }

  element(id, what, body) {
    return this.call(body ? 'POST' : 'GET', `/element/${id}/${what}`, body);
  }

  close() {
    return this.call('DELETE', '');
  }
}

export async function request(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (value && value.error) throw Object.assign(new Error(`WebDriver ${path}: ${value.error}: ${value.message}`), { code: value.error });
  return value;
}
