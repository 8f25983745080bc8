/// Writes verdicts for people: the level, the score and each hit with its quote.
public struct TextReport: Sendable {
  /// Whether to colour the level (ANSI escapes); only for a terminal.
  public var color: Bool

  /// Creates a reporter.
  public init(color: Bool = false) {
    self.color = color
  }

  private func paint(_ s: String, _ level: Level) -> String {
    guard color else { return s }
    let code =
      switch level {
      case .scam: "1;31"
      case .suspicious: "1;33"
      case .clean: "32"
      }
    return "\u{1B}[\(code)m\(s)\u{1B}[0m"
  }

  /// A multi-line report of one message:
  ///
  /// ```
  /// scam  score 9.0  (3 hits)
  ///   +3.0  annual-rate [high-returns] 承诺高额固定年化收益
  ///         「年化收益高达36%」 at 3..<12
  /// ```
  public func report(_ verdict: Verdict) -> String {
    var out = paint(verdict.level.rawValue, verdict.level)
    out +=
      "  score \(JSONReport.number(verdict.score))  (\(verdict.hits.count) hit\(verdict.hits.count == 1 ? "" : "s"))\n"
    for hit in verdict.hits {
      let sign = hit.score > 0 ? "+" : ""
      out += "  \(sign)\(JSONReport.number(hit.score))  \(hit.rule)"
      if let c = hit.category { out += " [\(c)]" }
      out += " \(hit.description)\n"
      if let m = hit.match, let s = hit.start, let e = hit.end {
        out += "        「\(m.replacingNewlines)」 at \(s)..<\(e)"
        if hit.count > 1 { out += " (\(hit.count) times)" }
        out += "\n"
      }
    }
    if !verdict.elements.isEmpty {
      out +=
        "  elements: "
        + verdict.elements.map { "\($0.name) \($0.element.rawValue) (\($0.rules.joined(separator: ", ")))" }
        .joined(separator: "; ") + "\n"
    }
    if !verdict.limited.isEmpty {
      out += "  note: matching stopped at a resource limit for \(verdict.limited.joined(separator: ", "))\n"
    }
    return out
  }

  /// One line per message, for `--lines` and `--jsonl` input: `id  level  score  rule「quote」…`.
  public func line(_ verdict: Verdict) -> String {
    var out = ""
    if let id = verdict.id { out += "\(id)\t" }
    out += paint(verdict.level.rawValue, verdict.level) + "\t" + JSONReport.number(verdict.score)
    for hit in verdict.hits {
      out += "\t\(hit.rule)"
      if let m = hit.match { out += "「\(m.replacingNewlines)」" }
    }
    if !verdict.limited.isEmpty { out += "\tlimited:" + verdict.limited.joined(separator: ",") }
    return out
  }
}

extension String {
  fileprivate var replacingNewlines: String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
  }
}
