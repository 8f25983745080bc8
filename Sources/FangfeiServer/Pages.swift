import Fangfei
import FangfeiOCR

/// The grid worker's pages: the form (`GET /`) and the answers (`POST /check`). Self-contained
/// (inline CSS, system fonts, no network resources), phone-sized, Chinese first and English
/// second. Everything that came from a request is escaped with ``HTMLReport/escape(_:)``.
enum Pages {
  /// One input's answer, rendered as a section of the answer page.
  enum Answer {
    /// A typed text and its report.
    case text(String, GridReport)
    /// A photo: what was read, and the report on it unless a retake is asked for.
    case image(ImageCheck, GridReport?)
  }

  /// The form: a text box, a photo button (when OCR is available) and a submit button. Works
  /// without JavaScript; a three-line script only shows "checking…" while the answer loads.
  static func home(ocrAvailable: Bool, limits: ServerLimits) -> String {
    let photo =
      ocrAvailable
      ? """
      <label class="field" for="image">拍照或选择传单照片<span class="en">Take or choose a photo of the flyer</span></label>
      <input id="image" class="file" type="file" name="image" accept="image/*" capture="environment">
      <p class="hint">照片不超过 \(megabytes(limits.maxImageBytes)) MB；光线充足、正对文字、拍清楚。\
      <span class="en">Up to \(megabytes(limits.maxImageBytes)) MB; good light, square to the text, in focus.</span></p>

      """
      : """
      <p class="note">这台服务器暂时不能识别照片，请输入文字。\
      <span class="en">Photo reading is not available on this server; please type the text.</span></p>

      """
    let body = """
      <header><h1>防非 · 非法集资筛查<span class="en">Fangfei — illegal-fundraising check</span></h1></header>
      <form method="post" action="/check" enctype="multipart/form-data">
      <label class="field" for="text">粘贴或输入传单、广告、聊天文字\
      <span class="en">Paste or type the text of a flyer, ad or chat</span></label>
      <textarea id="text" name="text" rows="8" placeholder="例如：年化收益36%，保本保息，名额有限……"></textarea>
      \(photo)<button id="go" type="submit">检查<span class="en">Check</span></button>
      </form>
      <p class="privacy">文字和照片只在内存中处理，不保存、不记录。\
      <span class="en">Text and photos are processed in memory only — never stored or logged.</span></p>
      <p class="disclaimer">结果由规则自动筛查得出，仅供参考，不是违法认定。反诈专线 96110。\
      <span class="en">An automatic screening aid, not a legal finding. Anti-fraud hotline 96110.</span></p>
      <script>
      document.querySelector("form").addEventListener("submit", function () {
        var b = document.getElementById("go"); b.disabled = true; b.textContent = "正在检查，请稍候… / Checking…"; });
      </script>

      """
    return document(title: "防非 · 非法集资筛查 / Fangfei", body: body)
  }

  /// The answer page for one or two inputs (text, photo), with the contacts and the disclaimer.
  static func answers(_ answers: [Answer], contacts: [Contact], disclaimer: String) -> String {
    var body = backLink
    for answer in answers {
      switch answer {
      case .text(let text, let report):
        body +=
          "<section>\n" + reportSection(report, text: text, heading: ("原文（标出可疑语句）", "The text, evidence highlighted"))
        body += "</section>\n"
      case .image(let check, let report):
        body += "<section>\n" + image(check, report: report) + "</section>\n"
      }
    }
    if !contacts.isEmpty {
      body += heading("举报联系方式", "Where to report") + "<ul class=\"contacts\">\n"
      for c in contacts { body += "<li>\(contact(c))</li>\n" }
      body += "</ul>\n"
    }
    body += "<p class=\"disclaimer\">\(escape(disclaimer))</p>\n"
    return document(title: "筛查结果 / Result", body: body)
  }

  /// A page for a request that got no answer (too large, not an image, OCR unavailable…).
  static func problem(_ title: (zh: String, en: String), message: String) -> String {
    let body =
      backLink
      + "<div class=\"answer problem\">\(escape(title.zh))<span class=\"en\">\(escape(title.en))</span></div>\n"
      + "<p class=\"summary\">\(escape(message))</p>\n"
    return document(title: "\(title.zh) / \(title.en)", body: body)
  }

  // MARK: - Pieces

  private static let backLink =
    "<p class=\"back\"><a href=\"/\">‹ 再查一条<span class=\"en\">Check another</span></a></p>\n"

  private static func reportSection(_ report: GridReport, text: String, heading messageHeading: (String, String))
    -> String
  {
    let (zh, en) = headline(report.colour)
    var html = "<div class=\"answer \(report.colour.rawValue)\">\(zh)<span class=\"en\">\(en)</span></div>\n"
    html += "<p class=\"summary\">\(escape(report.summary))</p>\n"
    html += heading(messageHeading.0, messageHeading.1)
    let shown =
      text.isEmpty ? "<span class=\"muted\">（没有文字 / no text）</span>" : HTMLReport.highlighted(text, report.evidence)
    html += "<div class=\"message\">\(shown)</div>\n"
    if !report.evidence.isEmpty {
      html += heading("可疑语句", "What gave it away") + "<ul>\n"
      for e in report.evidence {
        html +=
          "<li><mark>\(escape(e.quote))</mark> — <b>\(escape(e.tactic))</b>：\(escape(e.explanation))</li>\n"
      }
      html += "</ul>\n"
    }
    if !report.elements.isEmpty {
      html += heading("涉及非法集资特征", "Elements of illegal fundraising") + "<ul>\n"
      for e in report.elements { html += "<li>\(escape(e.explanation))</li>\n" }
      html += "</ul>\n"
    }
    html += heading("下一步", "What to do next") + "<ol>\n"
    for step in report.nextSteps { html += "<li>\(escape(step))</li>\n" }
    html += "</ol>\n"
    return html
  }

  private static func image(_ check: ImageCheck, report: GridReport?) -> String {
    let confidence = Int(check.ocr.confidence.rounded())
    var html = "<p class=\"meta\">照片识别可信度 \(confidence)%<span class=\"en\">OCR confidence \(confidence)%</span></p>\n"
    if let report, !check.retake {
      html += reportSection(
        report, text: check.ocr.text, heading: ("识别出的文字（标出可疑语句）", "Text read from the photo, evidence highlighted"))
      return html
    }
    html += "<div class=\"answer retake\">请重拍<span class=\"en\">Please retake the photo</span></div>\n"
    html +=
      "<p class=\"summary\">照片上的文字没有认清楚，结果不可靠。<span class=\"en\">The text on the photo could not be read reliably.</span></p>\n"
    html += heading("怎样拍清楚", "How to take a readable photo") + "<ul>\n"
    let tips = [
      ("光线充足，避免反光和阴影，不要用闪光灯直射。", "Use good light; avoid glare, shadows and direct flash."),
      ("手机正对传单，让文字占满画面。", "Hold the phone square to the flyer and fill the frame with the text."),
      ("拿稳手机，等对焦清楚后再拍。", "Hold still and wait until it is in focus."),
      ("也可以直接把文字输入到上一页的文本框。", "Or type the text into the box on the first page."),
    ]
    for (zh, en) in tips { html += "<li>\(zh)<span class=\"en\">\(en)</span></li>\n" }
    html += "</ul>\n"
    if !check.ocr.text.isEmpty {
      html += "<details><summary>识别到的文字（可能有误）<span class=\"en\">What was read (may be wrong)</span></summary>\n"
      html += "<div class=\"message\">\(escape(check.ocr.text))</div></details>\n"
    }
    return html
  }

  /// `红色 高风险` / `Red — high risk` for a colour.
  static func headline(_ colour: GridReport.Colour) -> (String, String) {
    switch colour {
    case .red: ("红色 高风险", "Red — high risk")
    case .yellow: ("黄色 可疑", "Yellow — suspicious")
    case .green: ("绿色 未发现", "Green — nothing typical found")
    }
  }

  private static func heading(_ zh: String, _ en: String) -> String {
    "<h2>\(zh)<span class=\"en\">\(en)</span></h2>\n"
  }

  /// A contact with tappable phone numbers and e-mail addresses.
  private static func contact(_ c: Contact) -> String {
    var parts = ["<b>\(escape(c.name))</b>"]
    for phone in c.phones {
      let dial = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "+" })
      parts.append(dial.isEmpty ? escape(phone) : "<a class=\"tel\" href=\"tel:\(dial)\">\(escape(phone))</a>")
    }
    for email in c.emails {
      parts.append("<a href=\"mailto:\(escape(email))\">\(escape(email))</a>")
    }
    return parts.joined(separator: " ")
  }

  private static func escape(_ s: String) -> String { HTMLReport.escape(s) }

  private static func megabytes(_ bytes: Int) -> String {
    let mb = Double(bytes) / 1_048_576
    return mb == mb.rounded() ? "\(Int(mb))" : String(Double(Int(mb * 10)) / 10)
  }

  private static func document(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>\(escape(title))</title>
    <style>
    \(css)
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  private static let css = """
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
           "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #222;
           line-height: 1.6; font-size: 1.05rem; background: #fff; }
    .en { display: block; font-size: .8em; color: #666; font-weight: normal; }
    .answer .en { color: inherit; opacity: .9; }
    h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
    h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #ddd; }
    .field { display: block; font-weight: bold; margin: 1rem 0 .4rem; }
    textarea { width: 100%; font: inherit; padding: .6rem; border: 1px solid #999; border-radius: .4rem; min-height: 9rem; }
    .file { display: block; width: 100%; font: inherit; padding: .9rem .6rem; border: 2px dashed #999;
            border-radius: .4rem; background: #f7f7f7; min-height: 3.5rem; }
    button { display: block; width: 100%; margin: 1.2rem 0; min-height: 3.5rem; font: inherit; font-size: 1.3rem;
             font-weight: bold; color: #fff; background: #1565c0; border: 0; border-radius: .5rem; }
    button .en { color: #e3f2fd; }
    button:disabled { background: #90a4ae; }
    .hint, .privacy, .note, .meta { color: #555; font-size: .95rem; }
    .note { background: #fff8e1; padding: .6rem; border-radius: .4rem; }
    .back a { display: inline-block; padding: .7rem 1rem; margin: 0 0 .6rem; border: 1px solid #1565c0;
              border-radius: .5rem; color: #1565c0; text-decoration: none; font-weight: bold; }
    .back .en { display: inline; margin-left: .4rem; color: #1565c0; }
    .answer { color: #fff; padding: .8rem 1rem; border-radius: .5rem; font-size: 1.5rem; font-weight: bold; }
    .red { background: #c62828; } .yellow { background: #f9a825; color: #222; } .green { background: #2e7d32; }
    .retake, .problem { background: #455a64; }
    .summary { font-size: 1.1rem; margin: .6rem 0 1rem; }
    .message { white-space: pre-wrap; word-break: break-word; border: 1px solid #bbb; border-radius: .4rem;
               padding: .8rem; background: #fafafa; }
    mark { background: #ffe082; padding: 0 .1em; border-bottom: 2px solid #c62828; }
    li { margin: .3rem 0; }
    section { margin-bottom: 1.5rem; }
    details { margin-top: 1rem; } summary { min-height: 2.5rem; padding: .4rem 0; }
    .contacts { list-style: none; padding: 0; }
    .contacts li { padding: .5rem 0; border-bottom: 1px solid #eee; }
    .contacts a { display: inline-block; padding: .5rem .6rem; margin: .2rem .2rem 0 0; border-radius: .4rem;
                  background: #e3f2fd; color: #0d47a1; text-decoration: none; }
    .contacts a.tel { font-size: 1.2rem; font-weight: bold; }
    .muted { color: #888; }
    .disclaimer { color: #666; font-size: .9rem; margin-top: 1.5rem; }
    """
}
