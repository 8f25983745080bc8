import FangfeiRules
import FangfeiText

/// Rewrites an example the way scam posts dodge keyword filters: spaces, symbols and emoji
/// between Han characters, traditional characters, full-width digits and letters, Chinese
/// numerals, and the spellings of the pack's `variants` tables.
public struct EvasionGenerator: Sendable {
  /// A way of rewriting a text.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    case spaces, symbols, emoji, traditional
    case fullWidth = "full-width"
    case numerals, variants
  }

  /// One rewritten text.
  public struct Variant: Sendable, Hashable {
    public var kind: Kind
    public var text: String
  }

  private let traditional: ScriptConverter?
  private let variants: [[String]]

  /// Creates a generator using the `variants` tables of `classifier`'s pack.
  public init(classifier: Classifier) {
    traditional = try? ScriptConverter(configuration: "s2t.json")
    variants = classifier.pack.checked.variantTable.values.map { $0 }.sorted { $0.first ?? "" < $1.first ?? "" }
  }

  /// The rewritten forms of `text` that differ from it.
  public func variants(of text: String) -> [Variant] {
    var out: [Variant] = []
    func add(_ kind: Kind, _ t: String) {
      if t != text, !out.contains(Variant(kind: kind, text: t)) { out.append(Variant(kind: kind, text: t)) }
    }
    add(.spaces, Self.between(text, " "))
    add(.symbols, Self.between(text, "-"))
    add(.symbols, Self.between(text, "*"))
    add(.emoji, Self.between(text, "✨"))
    add(.emoji, Self.between(text, "🔥"))
    if let traditional { add(.traditional, traditional.convert(text)) }
    add(.fullWidth, Self.fullWidth(text))
    if text.unicodeScalars.contains(where: Self.isHan) { add(.numerals, Self.chineseNumerals(text)) }
    for spellings in variants {
      guard let present = spellings.first(where: { !$0.isEmpty && text.lowercased().contains($0) }) else { continue }
      var used = 0
      for other in spellings where other != present && used < 3 {
        add(.variants, text.lowercased().replacingOccurrences(of: present, with: other))
        used += 1
      }
    }
    return out
  }

  private static func isHan(_ c: Unicode.Scalar) -> Bool {
    (0x3400...0x9FFF).contains(c.value) || (0x20000...0x2FFFF).contains(c.value) || (0xF900...0xFAFF).contains(c.value)
  }

  /// `separator` between every two adjacent Han characters.
  static func between(_ text: String, _ separator: String) -> String {
    var out = String.UnicodeScalarView()
    var previous: Unicode.Scalar?
    for c in text.unicodeScalars {
      if let p = previous, isHan(p), isHan(c) { out.append(contentsOf: separator.unicodeScalars) }
      out.append(c)
      previous = c
    }
    return String(out)
  }

  /// ASCII letters, digits and `%` as their full-width forms.
  static func fullWidth(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for c in text.unicodeScalars {
      let v = c.value
      let isAlnum = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
      if isAlnum || c == "%", let w = Unicode.Scalar(v + 0xFEE0) {
        out.append(w)
      } else {
        out.append(c)
      }
    }
    return String(out)
  }

  /// Whole numbers written in Chinese: `36%` → `百分之三十六`, `500元` → `五百元`, `3分` → `三分`.
  /// Decimals are left as they are.
  static func chineseNumerals(_ text: String) -> String {
    let s = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < s.count {
      guard s[i].properties.numericType != nil, s[i].isASCII else {
        out.append(s[i])
        i += 1
        continue
      }
      var j = i
      var value = 0
      while j < s.count, s[j].isASCII, let d = Int(String(s[j])) {
        if j - i < 9 { value = value * 10 + d }
        j += 1
      }
      if j - i > 8 { value = 100_000_000 }  // too long to write in Chinese: leave the digits
      // Decimals and thousands separators (3.5, 5,000) are left as they are.
      let separated =
        j + 1 < s.count && (s[j] == "." || s[j] == ",") && s[j + 1].isASCII
        && Int(String(s[j + 1])) != nil
      if separated || (i > 0 && (s[i - 1] == "." || s[i - 1] == ",")) || value >= 100_000_000 {
        out.append(contentsOf: s[i..<j])
      } else if j < s.count, s[j] == "%" {
        out.append(contentsOf: ("百分之" + chinese(value)).unicodeScalars)
        j += 1
      } else {
        out.append(contentsOf: chinese(value).unicodeScalars)
      }
      i = j
    }
    return String(out)
  }

  /// A whole number below 10^8 in Chinese numerals (`10000` → `一万`, `15` → `十五`); larger or
  /// negative numbers are returned as digits.
  static func chinese(_ n: Int) -> String {
    guard (0..<100_000_000).contains(n) else { return String(n) }
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    func below10000(_ n: Int, leadingTen: Bool) -> String {
      let units = ["千", "百", "十", ""]
      let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10]
      var out = ""
      var zero = false
      var started = false
      for (k, d) in parts.enumerated() {
        if d == 0 {
          if started { zero = true }
          continue
        }
        if zero { out += "零" }
        zero = false
        if !(k == 2 && d == 1 && !started && leadingTen) { out += digits[d] }
        out += units[k]
        started = true
      }
      return out
    }
    if n == 0 { return "零" }
    if n < 10000 { return below10000(n, leadingTen: true) }
    let high = n / 10000
    let low = n % 10000
    var out = below10000(high, leadingTen: true) + "万"
    if low > 0 { out += (low < 1000 ? "零" : "") + below10000(low, leadingTen: false) }
    return out
  }
}

/// The outcome of `fangfei test --evasions` for one rule.
public struct EvasionResult: Sendable, Hashable {
  /// The rule.
  public var rule: String
  /// How many rewritten examples were tried.
  public var tried: Int
  /// How many of each kind were tried.
  public var triedByKind: [EvasionGenerator.Kind: Int] = [:]
  /// The rewritten examples on which the rule no longer fired.
  public var escaped: [EvasionGenerator.Variant]
}

extension ExampleRunner {
  /// Rewrites every `hit` example of every rule (see ``EvasionGenerator``) and reports, per
  /// rule, which rewrites escape it.
  public func runEvasions() -> [EvasionResult] {
    let generator = EvasionGenerator(classifier: classifier)
    var results: [EvasionResult] = []
    for rule in classifier.pack.checked.rules {
      var result = EvasionResult(rule: rule.name, tried: 0, escaped: [])
      for example in rule.examples where example.mustHit {
        // Only examples the rule hits as written: the others already fail `fangfei test`.
        guard classifier.classify(example.text).hits.contains(where: { $0.rule == rule.name }) else { continue }
        for variant in generator.variants(of: example.text) {
          result.tried += 1
          result.triedByKind[variant.kind, default: 0] += 1
          if !classifier.classify(variant.text).hits.contains(where: { $0.rule == rule.name }) {
            result.escaped.append(variant)
          }
        }
      }
      if result.tried > 0 { results.append(result) }
    }
    return results
  }
}
