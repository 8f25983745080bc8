import FangfeiOCR
import Hummingbird

/// A request the server could not answer with a check: the status, a code for programs, a
/// bilingual title and message for people.
struct Problem: Error, Sendable {
  var status: HTTPResponse.Status
  /// A stable code (`too_large`, `not_an_image`, …) for the JSON API.
  var code: String
  /// Chinese first, then English.
  var message: String
  /// The page's headline.
  var title: (zh: String, en: String)

  init(
    status: HTTPResponse.Status, code: String, _ message: String,
    title: (zh: String, en: String) = ("无法检查", "Could not check")
  ) {
    self.status = status
    self.code = code
    self.message = message
    self.title = title
  }

  static func tooLarge(limit: Int, image: Bool) -> Problem {
    let size = limit >= 1024 * 1024 ? "\(limit / (1024 * 1024)) MB" : "\(limit / 1024) KB"
    return Problem(
      status: .contentTooLarge, code: "too_large",
      image
        ? "照片太大（上限 \(size)），请降低分辨率或截取传单部分再试。 / The photo is too large (limit \(size)); "
          + "please use a smaller photo or crop it to the flyer."
        : "文字太长（上限 \(size)），请分段检查。 / The text is too long (limit \(size)); please check it in parts.",
      title: image ? ("照片太大", "Photo too large") : ("文字太长", "Text too long"))
  }

  static let textMediaType = Problem(
    status: .unsupportedMediaType, code: "unsupported_media_type",
    "请用 application/json（{\"text\": \"…\"}）或 text/plain 发送文字。 / "
      + "Send the text as application/json ({\"text\": \"…\"}) or text/plain.")

  static let formMediaType = Problem(
    status: .unsupportedMediaType, code: "unsupported_media_type",
    "请从表单提交（multipart/form-data）。 / Please submit the form (multipart/form-data).")

  static let badJSON = Problem(
    status: .badRequest, code: "bad_json",
    "请求体应为 JSON 对象 {\"text\": \"…\"}，id 可选（字符串或数字）。 / "
      + "The body must be a JSON object {\"text\": \"…\"} with an optional string or number \"id\".")

  static let badMultipart = Problem(
    status: .badRequest, code: "bad_multipart",
    "无法解析上传的表单（multipart/form-data）。 / The multipart/form-data body could not be parsed.")

  static let noImagePart = Problem(
    status: .badRequest, code: "no_image",
    "没有收到图片：请在字段 image 中上传照片。 / No image received: upload the photo in the field named \"image\".",
    title: ("没有照片", "No photo"))

  static let emptyForm = Problem(
    status: .badRequest, code: "empty",
    "请输入文字或选择一张照片。 / Please enter some text or choose a photo.",
    title: ("没有内容", "Nothing to check"))

  static func ocrUnavailable(_ reason: String?) -> Problem {
    Problem(
      status: .serviceUnavailable, code: "ocr_unavailable",
      "这台服务器暂时不能识别照片，请直接输入文字。 / Photo reading (OCR) is not available on this server; "
        + "please type the text." + (reason.map { " (\($0))" } ?? ""),
      title: ("无法识别照片", "Photo reading unavailable"))
  }

  /// The problem for an OCR failure.
  init(_ failure: OCRFailure) {
    switch failure {
    case .busy, .queueTimeout, .cancelled:
      self.init(
        status: .serviceUnavailable, code: "busy",
        "服务器正忙，请稍后再试。 / The server is busy; please try again in a moment.",
        title: ("服务器正忙", "Server busy"))
    case .timedOut:
      self.init(
        status: .serviceUnavailable, code: "timeout",
        "识别照片超时，请换一张更清楚、更小的照片再试。 / Reading the photo took too long; "
          + "please try a clearer, smaller photo.",
        title: ("识别超时", "Took too long"))
    case .ocr(.notAnImage(let detail)):
      self.init(
        status: .badRequest, code: "not_an_image",
        (ImageFormat.notAnImage.problem ?? "") + " (\(detail))", title: ("不是图片", "Not an image"))
    case .ocr(.modelUnavailable(let detail)):
      self = .ocrUnavailable(detail)
    case .ocr(.recognitionFailed(let detail)):
      self.init(
        status: .internalServerError, code: "ocr_failed",
        "识别失败，请重拍或直接输入文字。 / Recognition failed; please retake the photo or type the text. (\(detail))",
        title: ("识别失败", "Recognition failed"))
    }
  }
}
