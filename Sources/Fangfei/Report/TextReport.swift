/// Writes verdicts for people: the level, the score and each hit with its quote.
public struct TextReport: Sendable {
  /// Whether to colour the level (ANSI escapes); only for a terminal.
  public var color: Bool

  /// Creates a reporter.
  public init(color: Bool = false) {
    self.color = color
  }

  func paint(_ s: String, _ level: Level) -> String {
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

extension TextReport {
  /// The grid worker's answer as plain text: the colour, the summary, each quote with its tactic,
  /// the elements, the next steps and the contacts.
  public func gridReport(_ r: GridReport) -> String {
    let zh = r.language == .zh
    let level: Level = r.colour == .red ? .scam : r.colour == .yellow ? .suspicious : .clean
    var out = "【" + paint(r.headline, level) + "】" + r.summary + "\n"
    if !r.evidence.isEmpty {
      out += zh ? "\n可疑语句：\n" : "\nWhat gave it away:\n"
      for e in r.evidence {
        out += "  「\(e.quote)」 — \(e.tactic)：\(e.explanation)\n"
      }
    }
    if !r.elements.isEmpty {
      out += zh ? "\n涉及非法集资特征：\n" : "\nElements of illegal fundraising it points to:\n"
      for e in r.elements { out += "  · \(e.explanation)\n" }
    }
    out += zh ? "\n下一步：\n" : "\nWhat to do next:\n"
    for (i, step) in r.nextSteps.enumerated() { out += "  \(i + 1). \(step)\n" }
    if !r.contacts.isEmpty {
      out += zh ? "\n举报联系方式：\n" : "\nWhere to report:\n"
      for c in r.contacts {
        var parts: [String] = []
        if !c.phones.isEmpty { parts.append((zh ? "电话 " : "phone ") + c.phones.joined(separator: " / ")) }
        if !c.emails.isEmpty { parts.append((zh ? "邮箱 " : "e-mail ") + c.emails.joined(separator: " / ")) }
        out += "  \(c.name)：\(parts.joined(separator: "，"))\n"
      }
    }
    out += "\n" + r.disclaimer + "\n"
    return out
  }
}
