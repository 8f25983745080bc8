/// Writes verdicts as compact JSON, one object on one line, in the key order of the JSON
/// contract: `id`, `level`, `score`, `hits` (`rule`, `category`, `score`, `description`,
/// `match`, `start`, `end`, `count`), `elements` (`element`, `name`, `rules`), then `limited` when a
/// rule hit a resource limit.
///
/// The output decodes to the same ``Verdict`` as `JSONEncoder` would write; this writer exists
/// because batch jobs print millions of verdicts and it is many times faster.
public enum JSONReport {
  /// One verdict as a single line of JSON (no trailing newline).
  /// - Parameter rawID: A JSON value to print as `id` instead of the verdict's `id` string —
  ///   used to echo an input id exactly as it was written (a number stays a number).
  public static func line(for verdict: Verdict, rawID: String? = nil) -> String {
    var out: [UInt8] = []
    append(verdict, rawID: rawID, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the UTF-8 bytes of ``line(for:rawID:)`` to `out` (the same bytes, without building
  /// a string: what batch output uses).
  package static func append(_ verdict: Verdict, rawID: String? = nil, to out: inout [UInt8]) {
    put(#"{"id":"#, to: &out)
    if let rawID {
      appendRaw(rawID, to: &out)
    } else if let id = verdict.id {
      appendString(id, to: &out)
    } else {
      put("null", to: &out)
    }
    switch verdict.level {
    case .clean: put(#","level":"clean","score":"#, to: &out)
    case .suspicious: put(#","level":"suspicious","score":"#, to: &out)
    case .scam: put(#","level":"scam","score":"#, to: &out)
    }
    appendNumber(verdict.score, to: &out)
    if verdict.hits.isEmpty, verdict.elements.isEmpty, verdict.limited.isEmpty {
      put(#","hits":[],"elements":[]}"#, to: &out)  // (most messages)
      return
    }
    put(#","hits":["#, to: &out)
    for (i, hit) in verdict.hits.enumerated() {
      put(i > 0 ? #",{"rule":"# : #"{"rule":"#, to: &out)
      appendString(hit.rule, to: &out)
      if let c = hit.category {
        put(#","category":"#, to: &out)
        appendString(c, to: &out)
      }
      put(#","score":"#, to: &out)
      appendNumber(hit.score, to: &out)
      put(#","description":"#, to: &out)
      appendString(hit.description, to: &out)
      if let m = hit.match, let s = hit.start, let e = hit.end {
        put(#","match":"#, to: &out)
        appendString(m, to: &out)
        put(#","start":"#, to: &out)
        appendInteger(s, to: &out)
        put(#","end":"#, to: &out)
        appendInteger(e, to: &out)
      }
      put(#","count":"#, to: &out)
      appendInteger(hit.count, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    put(#"],"elements":["#, to: &out)
    for (i, e) in verdict.elements.enumerated() {
      put(i > 0 ? #",{"element":""# : #"{"element":""#, to: &out)
      appendRaw(e.element.rawValue, to: &out)
      put(#"","name":""#, to: &out)
      appendRaw(e.name, to: &out)
      put(#"","rules":["#, to: &out)
      for (j, rule) in e.rules.enumerated() {
        if j > 0 { out.append(UInt8(ascii: ",")) }
        appendString(rule, to: &out)
      }
      put("]}", to: &out)
    }
    out.append(UInt8(ascii: "]"))
    if !verdict.limited.isEmpty {
      put(#","limited":["#, to: &out)
      for (i, name) in verdict.limited.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        appendString(name, to: &out)
      }
      out.append(UInt8(ascii: "]"))
    }
    out.append(UInt8(ascii: "}"))
  }

  /// A score as JSON: `11.0`, `2.5`, `-1.0`.
  public static func number(_ v: Double) -> String {
    guard v.isFinite else { return "0.0" }
    if v == 0 { return "0.0" }
    if v == v.rounded(), abs(v) < 1e15 { return "\(Int(v)).0" }
    return "\(v)"
  }

  /// Appends ``number(_:)`` of `v` to `out`.
  package static func appendNumber(_ v: Double, to out: inout [UInt8]) {
    if !v.isFinite || v == 0 {
      put("0.0", to: &out)
    } else if abs(v) < 1e15, Double(Int(v)) == v {
      appendInteger(Int(v), to: &out)
      put(".0", to: &out)
    } else if abs(v) >= 1e-3, abs(v) < 1e12, Double(Int((v * 1000).rounded())) / 1000 == v {
      // The double nearest to a number of thousandths (a capped or fractional score): its
      // shortest round-trip form, which `description` prints, is those thousandths in decimal
      // (a decimal of at most 15 significant digits is the only one that short to round to it).
      let thousandths = Int((v * 1000).rounded())
      if thousandths < 0 { out.append(UInt8(ascii: "-")) }
      let m = thousandths.magnitude
      appendInteger(Int(m / 1000), to: &out)
      out.append(UInt8(ascii: "."))
      var fraction = Int(m % 1000)  // not 0: v is not an integer
      var digits = 3
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      if digits > 1, fraction < (digits == 3 ? 100 : 10) { out.append(UInt8(ascii: "0")) }
      if digits == 3, fraction < 10 { out.append(UInt8(ascii: "0")) }
      appendInteger(fraction, to: &out)
    } else {
      appendRaw(number(v), to: &out)
    }
  }

  /// Appends the decimal digits of `n` (with a `-` when negative) to `out`.
  package static func appendInteger(_ n: Int, to out: inout [UInt8]) {
    if n >= 0, n < 10 {
      out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n))
      return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: 20 digits and a sign fit
    let magnitude = n.magnitude
    withUnsafeMutableBytes(of: &digits) { buffer in
      var v = UInt64(magnitude)
      var i = buffer.count
      repeat {
        i -= 1
        buffer[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
        v /= 10
      } while v > 0
      if n < 0 {
        i -= 1
        buffer[i] = UInt8(ascii: "-")
      }
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i...]))
    }
  }

  /// Appends `s` as a JSON string literal.
  public static func appendString(_ s: String, to out: inout String) {
    var bytes: [UInt8] = []
    appendString(s, to: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `s` as a JSON string literal, in UTF-8, to `out`: `"`, `\` and the control
  /// characters U+0000–U+001F and U+007F are escaped; everything else is copied as it is.
  package static func appendString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var start = 0
      var i = 0
      while i < bytes.count {
        // Eight bytes at a time while none of them needs escaping (the usual case).
        if i + 8 <= bytes.count,
          !needsEscaping(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        {
          i += 8
          continue
        }
        let b = bytes[i]
        i += 1
        guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F else { continue }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]))
        start = i
        switch b {
        case 0x22: put(#"\""#, to: &out)
        case 0x5C: put(#"\\"#, to: &out)
        case 0x0A: put(#"\n"#, to: &out)
        case 0x0D: put(#"\r"#, to: &out)
        case 0x09: put(#"\t"#, to: &out)
        default:
          func hex(_ d: UInt8) -> UInt8 { d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10 }
          put(#"\u00"#, to: &out)
          out.append(hex(b >> 4))
          out.append(hex(b & 0xF))
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Whether any of the eight bytes in `w` is below 0x20, `"`, `\` or 0x7F (the exact
  /// "has a zero byte" and "has a byte less than" tests of Bit Twiddling Hacks; bytes of 0x80
  /// and above never match).
  @inline(__always)
  private static func needsEscaping(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
    let control = (w &- ones &* 0x20) & ~w & high
    return control | hasZero(w ^ (ones &* 0x22)) | hasZero(w ^ (ones &* 0x5C)) | hasZero(w ^ (ones &* 0x7F)) != 0
  }

  /// Appends the bytes of a literal to `out`.
  @inline(__always)
  private static func put(_ s: StaticString, to out: inout [UInt8]) {
    s.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  /// Appends the UTF-8 of `s` to `out` as it is.
  private static func appendRaw(_ s: String, to out: inout [UInt8]) {
    var s = s
    s.withUTF8 { out.append(contentsOf: $0) }
  }
}
