/// The grid worker's answer as one self-contained HTML page (no scripts, fonts or other network
/// resources) that reads well on a phone and prints on A4: the message with the evidence
/// highlighted, the answer, the next steps and the contacts. Every piece of the message is
/// escaped, so `<script>` in a message is shown, never run.
public enum HTMLReport {
  /// The page for `report` on `text` (the original message the report's spans point into).
  public static func page(_ report: GridReport, text: String) -> String {
    let zh = report.language == .zh
    let colour =
      switch report.colour {
      case .red: "#c62828"
      case .yellow: "#f9a825"
      case .green: "#2e7d32"
      }
    var html = """
      <!DOCTYPE html>
      <html lang="\(zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(zh ? "防非筛查结果" : "Fangfei screening result")</title>
      <style>
      body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
             margin: 0 auto; max-width: 46rem; padding: 1rem; color: #222; line-height: 1.6; }
      .answer { color: #fff; background: \(colour); padding: .8rem 1rem; border-radius: .4rem; font-size: 1.4rem; font-weight: bold; }
      .summary { font-size: 1.1rem; margin: .6rem 0 1rem; }
      .message { white-space: pre-wrap; border: 1px solid #bbb; border-radius: .4rem; padding: .8rem; background: #fafafa; }
      mark { background: #ffe082; padding: 0 .1em; border-bottom: 2px solid \(colour); }
      h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #ddd; }
      li { margin: .2rem 0; }
      .tactic { font-weight: bold; }
      .contacts td { padding: .2rem .6rem .2rem 0; vertical-align: top; }
      .disclaimer { color: #666; font-size: .9rem; margin-top: 1.5rem; }
      @page { size: A4; margin: 18mm; }
      @media print { body { max-width: none; padding: 0; } .answer { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
      </style>
      </head>
      <body>

      """
    html += "<div class=\"answer\">\(escape(report.headline))</div>\n"
    html += "<p class=\"summary\">\(escape(report.summary))</p>\n"
    html += "<h2>\(zh ? "原文（标出可疑语句）" : "The message (evidence highlighted)")</h2>\n"
    html += "<div class=\"message\">\(highlighted(text, report.evidence))</div>\n"
    if !report.evidence.isEmpty {
      html += "<h2>\(zh ? "可疑语句" : "What gave it away")</h2>\n<ul>\n"
      for e in report.evidence {
        html +=
          "<li><mark>\(escape(e.quote))</mark> — <span class=\"tactic\">\(escape(e.tactic))</span>：\(escape(e.explanation))</li>\n"
      }
      html += "</ul>\n"
    }
    if !report.elements.isEmpty {
      html += "<h2>\(zh ? "涉及非法集资特征" : "Elements of illegal fundraising")</h2>\n<ul>\n"
      for e in report.elements { html += "<li>\(escape(e.explanation))</li>\n" }
      html += "</ul>\n"
    }
    html += "<h2>\(zh ? "下一步" : "What to do next")</h2>\n<ol>\n"
    for step in report.nextSteps { html += "<li>\(escape(step))</li>\n" }
    html += "</ol>\n"
    if !report.contacts.isEmpty {
      html += "<h2>\(zh ? "举报联系方式" : "Where to report")</h2>\n<table class=\"contacts\">\n"
      for c in report.contacts {
        let phones = c.phones.map(escape).joined(separator: "<br>")
        let emails = c.emails.map(escape).joined(separator: "<br>")
        html += "<tr><td>\(escape(c.name))</td><td>\(phones)</td><td>\(emails)</td></tr>\n"
      }
      html += "</table>\n"
    }
    html += "<p class=\"disclaimer\">\(escape(report.disclaimer))</p>\n</body>\n</html>\n"
    return html
  }

  /// `text` HTML-escaped, with the evidence spans (Unicode scalar offsets into `text`) wrapped in
  /// `<mark>`; overlapping spans are merged and spans outside the text are ignored.
  public static func highlighted(_ text: String, _ evidence: [GridReport.Evidence]) -> String {
    let scalars = Array(text.unicodeScalars)
    var marked = [Bool](repeating: false, count: scalars.count)
    for e in evidence where e.start >= 0 && e.end <= scalars.count && e.start < e.end {
      for i in e.start..<e.end { marked[i] = true }
    }
    var out = ""
    var i = 0
    while i < scalars.count {
      let inside = marked[i]
      var j = i
      while j < scalars.count, marked[j] == inside { j += 1 }
      let piece = escape(String(String.UnicodeScalarView(scalars[i..<j])))
      out += inside ? "<mark>\(piece)</mark>" : piece
      i = j
    }
    return out
  }

  /// HTML-escapes `&`, `<`, `>`, `"` and `'`.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
