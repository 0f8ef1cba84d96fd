// Modular exponentiation on big-endian byte strings, for RSA.
//
// Numbers are held as little-endian vectors of 32-bit limbs so every limb
// product fits a 64-bit intermediate. An odd modulus (every RSA modulus) uses
// Montgomery multiplication; an even one falls back to schoolbook multiply and
// long division, which is correct but slower. Neither path is constant-time:
// the engine only ever uses public exponents.
#include "crypto/crypto.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <optional>

namespace meclean::crypto {

namespace {

using Limbs = std::vector<uint32_t>;

Limbs limbs_from_be(Bytes be) {
    Limbs out((be.size() + 3) / 4, 0);
    for (size_t i = 0; i < be.size(); ++i) {
        size_t from_right = be.size() - 1 - i;
        out[from_right / 4] |= uint32_t(be[i]) << (8 * (from_right % 4));
    }
    while (!out.empty() && out.back() == 0) out.pop_back();
    return out;
}

std::vector<uint8_t> be_from_limbs(const Limbs& x, size_t length) {
    std::vector<uint8_t> out(length, 0);
    for (size_t i = 0; i < length && i / 4 < x.size(); ++i)
        out[length - 1 - i] = uint8_t(x[i / 4] >> (8 * (i % 4)));
    return out;
}

// u mod v, by Knuth's Algorithm D (TAOCP vol. 2, §4.3.1), keeping only the
// remainder. `v` has no leading zero limbs. The result has exactly v.size() limbs.
Limbs remainder(const Limbs& u, const Limbs& v) {
    const size_t n = v.size();
    if (u.size() < n) {
        Limbs r = u;
        r.resize(n, 0);
        return r;
    }
    if (n == 1) {
        uint64_t r = 0;
        for (size_t i = u.size(); i-- > 0;) r = ((r << 32) | u[i]) % v[0];
        return Limbs{uint32_t(r)};
    }

    // D1: shift so the divisor's top bit is set, which keeps each quotient
    // digit estimate at most two too large.
    const int shift = std::countl_zero(v.back());
    auto shifted_limb = [shift](const Limbs& x, size_t i) -> uint32_t {
        uint32_t low = i < x.size() ? x[i] : 0;
        if (shift == 0) return low;
        uint32_t below = (i > 0 && i - 1 < x.size()) ? x[i - 1] : 0;
        return (low << shift) | (below >> (32 - shift));
    };
    const size_t m = u.size() - n;
    Limbs vn(n), un(u.size() + 1);
    for (size_t i = 0; i < n; ++i) vn[i] = shifted_limb(v, i);
    for (size_t i = 0; i < un.size(); ++i) un[i] = shifted_limb(u, i);

    constexpr uint64_t kBase = uint64_t(1) << 32;
    for (size_t j = m + 1; j-- > 0;) {
        // D3: estimate the quotient digit from the top two limbs, then refine with the third.
        uint64_t top = (uint64_t(un[j + n]) << 32) | un[j + n - 1];
        uint64_t qhat = top / vn[n - 1];
        uint64_t rhat = top % vn[n - 1];
        while (qhat >= kBase || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
            --qhat;
            rhat += vn[n - 1];
            if (rhat >= kBase) break;
        }
        // D4: multiply and subtract.
        uint64_t carry = 0, borrow = 0;
        for (size_t i = 0; i < n; ++i) {
            uint64_t product = qhat * vn[i] + carry;
            carry = product >> 32;
            uint64_t diff = uint64_t(un[i + j]) - uint32_t(product) - borrow;
            un[i + j] = uint32_t(diff);
            borrow = (diff >> 32) ? 1 : 0;
        }
        uint64_t diff = uint64_t(un[j + n]) - carry - borrow;
        un[j + n] = uint32_t(diff);
        // D6: the estimate was one too large (rare): add the divisor back.
        if (diff >> 32) {
            uint64_t sum_carry = 0;
            for (size_t i = 0; i < n; ++i) {
                uint64_t sum = uint64_t(un[i + j]) + vn[i] + sum_carry;
                un[i + j] = uint32_t(sum);
                sum_carry = sum >> 32;
            }
            un[j + n] += uint32_t(sum_carry);
        }
    }

    // D8: the remainder is the low n limbs, shifted back.
    Limbs r(n);
    for (size_t i = 0; i < n; ++i)
        r[i] = shift == 0 ? un[i] : (un[i] >> shift) | (un[i + 1] << (32 - shift));
    return r;
}

// 2^(32·limbs) mod n.
Limbs power_of_base_mod(size_t limbs, const Limbs& n) {
    Limbs x(limbs + 1, 0);
    x[limbs] = 1;
    return remainder(x, n);
}

// Montgomery arithmetic with R = 2^(32·s), s = limbs in n (n odd).
class MontgomeryModulus {
public:
    explicit MontgomeryModulus(const Limbs& n)
        : n_(n), n_prime_(negated_inverse(n[0])), r_squared_(power_of_base_mod(2 * n.size(), n)) {}

    Limbs one() const { return power_of_base_mod(n_.size(), n_); }
    Limbs enter(const Limbs& x) const { return multiply(x, r_squared_); }
    Limbs leave(const Limbs& x) const {
        Limbs unit(n_.size(), 0);
        unit[0] = 1;
        return multiply(x, unit);
    }

    // a·b·R⁻¹ mod n for a, b < n, by coarsely integrated operand scanning
    // (Koç, Acar & Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms", 1996).
    Limbs multiply(const Limbs& a, const Limbs& b) const {
        const size_t s = n_.size();
        Limbs t(s + 2, 0);
        for (size_t i = 0; i < s; ++i) {
            uint64_t carry = 0;
            for (size_t j = 0; j < s; ++j) {
                uint64_t sum = uint64_t(t[j]) + uint64_t(a[j]) * b[i] + carry;
                t[j] = uint32_t(sum);
                carry = sum >> 32;
            }
            uint64_t sum = uint64_t(t[s]) + carry;
            t[s] = uint32_t(sum);
            t[s + 1] = uint32_t(sum >> 32);

            // Add m·n, with m chosen so the low limb becomes zero, and drop that limb.
            uint32_t m = t[0] * n_prime_;
            carry = (uint64_t(t[0]) + uint64_t(m) * n_[0]) >> 32;
            for (size_t j = 1; j < s; ++j) {
                sum = uint64_t(t[j]) + uint64_t(m) * n_[j] + carry;
                t[j - 1] = uint32_t(sum);
                carry = sum >> 32;
            }
            sum = uint64_t(t[s]) + carry;
            t[s - 1] = uint32_t(sum);
            t[s] = t[s + 1] + uint32_t(sum >> 32);
        }
        // The result is below 2n: one conditional subtraction brings it under n.
        t.resize(s + 1);
        if (t[s] != 0 || !less_than_modulus(t)) subtract_modulus(t);
        t.resize(s);
        return t;
    }

private:
    // −x⁻¹ mod 2^32 by Newton iteration: x·x ≡ 1 (mod 8) for odd x, and
    // each step doubles the number of correct low bits (3 → 6 → 12 → 24 → 48).
    static uint32_t negated_inverse(uint32_t x) {
        uint32_t inverse = x;
        for (int i = 0; i < 4; ++i) inverse *= 2 - x * inverse;
        return 0u - inverse;
    }

    bool less_than_modulus(const Limbs& t) const {
        for (size_t i = n_.size(); i-- > 0;)
            if (t[i] != n_[i]) return t[i] < n_[i];
        return false;
    }

    void subtract_modulus(Limbs& t) const {
        uint64_t borrow = 0;
        for (size_t i = 0; i < n_.size(); ++i) {
            uint64_t diff = uint64_t(t[i]) - n_[i] - borrow;
            t[i] = uint32_t(diff);
            borrow = (diff >> 32) ? 1 : 0;
        }
        t[n_.size()] -= uint32_t(borrow);
    }

    Limbs n_;
    uint32_t n_prime_;
    Limbs r_squared_;
};

// Any modulus: schoolbook product, then long-division remainder.
class PlainModulus {
public:
    explicit PlainModulus(const Limbs& n) : n_(n) {}

    Limbs one() const { return remainder(Limbs{1}, n_); }
    Limbs enter(const Limbs& x) const { return x; }
    Limbs leave(const Limbs& x) const { return x; }

    Limbs multiply(const Limbs& a, const Limbs& b) const {
        Limbs product(a.size() + b.size(), 0);
        for (size_t i = 0; i < a.size(); ++i) {
            uint64_t carry = 0;
            for (size_t j = 0; j < b.size(); ++j) {
                uint64_t sum = uint64_t(product[i + j]) + uint64_t(a[i]) * b[j] + carry;
                product[i + j] = uint32_t(sum);
                carry = sum >> 32;
            }
            product[i + b.size()] = uint32_t(carry);
        }
        return remainder(product, n_);
    }

private:
    Limbs n_;
};

// Left-to-right square-and-multiply for short exponents: every public exponent (3, 17, 65537)
// takes one squaring per bit and one multiply per set bit, 7 products for 17 where the window
// table below alone costs 14. Each signature check runs this, many per report.
template <typename Modulus>
std::optional<Limbs> power_short(const Modulus& mod, const Limbs& base, Bytes exponent) {
    size_t first = 0;
    while (first < exponent.size() && exponent[first] == 0) ++first;
    if (exponent.size() - first > 4) return std::nullopt;
    uint32_t e = 0;
    for (size_t i = first; i < exponent.size(); ++i) e = e << 8 | exponent[i];
    if (e == 0) return mod.leave(mod.one());
    const Limbs x = mod.enter(base);
    Limbs acc = x;
    for (int bit = int(std::bit_width(e)) - 2; bit >= 0; --bit) {
        acc = mod.multiply(acc, acc);
        if ((e >> bit) & 1) acc = mod.multiply(acc, x);
    }
    return mod.leave(acc);
}

// Left-to-right exponentiation with a fixed 4-bit window: one multiply per
// exponent nibble instead of one per set bit. `base` is already reduced mod n.
template <typename Modulus>
Limbs power(const Modulus& mod, const Limbs& base, Bytes exponent) {
    if (std::optional<Limbs> short_result = power_short(mod, base, exponent)) return *short_result;
    Limbs table[16];
    table[0] = mod.one();
    table[1] = mod.enter(base);
    for (int i = 2; i < 16; ++i) table[i] = mod.multiply(table[i - 1], table[1]);

    Limbs acc;
    bool started = false;
    for (uint8_t byte : exponent) {
        for (int nibble : {byte >> 4, byte & 0x0F}) {
            if (started) {
                for (int k = 0; k < 4; ++k) acc = mod.multiply(acc, acc);
                if (nibble != 0) acc = mod.multiply(acc, table[nibble]);
            } else if (nibble != 0) {
                acc = table[nibble];
                started = true;
            }
        }
    }
    return mod.leave(started ? acc : table[0]);
}

}  // namespace

namespace {

// One report verifies the same signatures again and again: opening the image, every preset's plan
// (whose last step is me_cleaner's check), apply()'s re-inspection of its result. The operation is a
// pure function of its inputs, so the last few results with a public (short) exponent are kept, per
// thread; each entry holds its inputs and result (about 1 KiB for RSA-3072).
struct Remembered {
    std::vector<uint8_t> base, exponent, modulus, result;
};

bool same(Bytes a, const std::vector<uint8_t>& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

bool short_exponent(Bytes exponent) {
    size_t first = 0;
    while (first < exponent.size() && exponent[first] == 0) ++first;
    return exponent.size() - first <= 4;
}

std::vector<uint8_t> compute_modexp(Bytes base, Bytes exponent, Bytes modulus) {
    const Limbs n = limbs_from_be(modulus);
    if (n.empty()) return {};
    const Limbs reduced_base = remainder(limbs_from_be(base), n);
    const Limbs result = (n[0] & 1) ? power(MontgomeryModulus(n), reduced_base, exponent)
                                    : power(PlainModulus(n), reduced_base, exponent);
    return be_from_limbs(result, modulus.size());
}

}  // namespace

std::vector<uint8_t> modexp(Bytes base, Bytes exponent, Bytes modulus) {
    if (!short_exponent(exponent)) return compute_modexp(base, exponent, modulus);
    thread_local std::array<Remembered, 8> remembered;
    thread_local size_t next = 0;
    for (const Remembered& r : remembered) {
        if (!r.modulus.empty() && same(modulus, r.modulus) && same(exponent, r.exponent) && same(base, r.base))
            return r.result;
    }
    std::vector<uint8_t> result = compute_modexp(base, exponent, modulus);
    remembered[next] = Remembered{{base.begin(), base.end()}, {exponent.begin(), exponent.end()},
                                  {modulus.begin(), modulus.end()}, result};
    next = (next + 1) % remembered.size();
    return result;
}

}  // namespace meclean::crypto
