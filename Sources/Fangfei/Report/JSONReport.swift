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
    var out = "{\"id\":"
    if let rawID {
      out += rawID
    } else if let id = verdict.id {
      appendString(id, to: &out)
    } else {
      out += "null"
    }
    out += ",\"level\":\"\(verdict.level.rawValue)\",\"score\":\(number(verdict.score)),\"hits\":["
    for (i, hit) in verdict.hits.enumerated() {
      if i > 0 { out += "," }
      out += "{\"rule\":"
      appendString(hit.rule, to: &out)
      if let c = hit.category {
        out += ",\"category\":"
        appendString(c, to: &out)
      }
      out += ",\"score\":\(number(hit.score)),\"description\":"
      appendString(hit.description, to: &out)
      if let m = hit.match, let s = hit.start, let e = hit.end {
        out += ",\"match\":"
        appendString(m, to: &out)
        out += ",\"start\":\(s),\"end\":\(e)"
      }
      out += ",\"count\":\(hit.count)}"
    }
    out += "],\"elements\":["
    for (i, e) in verdict.elements.enumerated() {
      if i > 0 { out += "," }
      out += "{\"element\":\"\(e.element.rawValue)\",\"name\":\"\(e.name)\",\"rules\":["
      for (j, rule) in e.rules.enumerated() {
        if j > 0 { out += "," }
        appendString(rule, to: &out)
      }
      out += "]}"
    }
    out += "]"
    if !verdict.limited.isEmpty {
      out += ",\"limited\":["
      for (i, name) in verdict.limited.enumerated() {
        if i > 0 { out += "," }
        appendString(name, to: &out)
      }
      out += "]"
    }
    out += "}"
    return out
  }

  /// A score as JSON: `11.0`, `2.5`, `-1.0`.
  public static func number(_ v: Double) -> String {
    guard v.isFinite else { return "0.0" }
    if v == 0 { return "0.0" }
    if v == v.rounded(), abs(v) < 1e15 { return "\(Int(v)).0" }
    return "\(v)"
  }

  /// Appends `s` as a JSON string literal.
  public static func appendString(_ s: String, to out: inout String) {
    out.unicodeScalars.append("\"")
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          let hex = String(c.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    out.unicodeScalars.append("\"")
  }
}
