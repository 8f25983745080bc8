import Fangfei

/// The answer for a photographed flyer: what was read, and either a verdict on it or a request
/// to take the photo again.
public struct ImageCheck: Sendable, Hashable, Codable {
  /// The OCR text and its confidence.
  public var ocr: OCRResult
  /// True when the confidence is below the threshold: the answer is "请重拍" and `verdict` is nil.
  public var retake: Bool
  /// The verdict on `ocr.text` (spans point into it), unless a retake is asked for.
  public var verdict: Verdict?

  /// Creates an answer.
  public init(ocr: OCRResult, retake: Bool, verdict: Verdict?) {
    self.ocr = ocr
    self.retake = retake
    self.verdict = verdict
  }
}

extension ImageCheck {
  /// The answer as one line of JSON in the project's contract, the same bytes from `fangfei check
  /// --image --format json` and `POST /api/check-image`:
  /// `{"ocr":{"text":…,"confidence":…},"retake":…,"verdict":{…}|null}`, the verdict written by
  /// ``JSONReport/line(for:rawID:)`` (no trailing newline).
  public var jsonLine: String {
    var out = "{\"ocr\":{\"text\":"
    JSONReport.appendString(ocr.text, to: &out)
    out += ",\"confidence\":\(JSONReport.number(ocr.confidence))},\"retake\":\(retake),\"verdict\":"
    out += verdict.map { JSONReport.line(for: $0) } ?? "null"
    out += "}"
    return out
  }
}
