import CTesseract
import Foundation

/// One Tesseract handle with its model loaded. Not thread-safe: ``EnginePool`` hands each engine
/// to one caller at a time.
final class TesseractEngine: @unchecked Sendable {
  // Safety: `handle` is only used by the one caller the pool has lent the engine to.
  private let handle: OpaquePointer

  /// Recognition stops after this long and returns what it has (a hostile image cannot hold an
  /// engine for ever).
  static let deadlineMilliseconds: Int32 = 60_000

  /// Loads `language` from `dataPath` (nil: Tesseract's default folder).
  init(language: String, dataPath: String?) throws(OCRError) {
    guard let handle = TessBaseAPICreate() else {
      throw .modelUnavailable("无法创建 Tesseract / cannot create a Tesseract instance")
    }
    // tprintf output ("Estimating resolution as …", "Detected … diacritics") goes nowhere.
    _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
    let status = TessBaseAPIInit3(handle, dataPath, language)
    guard status == 0 else {
      TessBaseAPIDelete(handle)
      let place = dataPath ?? "Tesseract's default tessdata folder (or $TESSDATA_PREFIX)"
      throw .modelUnavailable(
        "无法加载文字识别模型 / cannot load the Tesseract model '\(language)' from \(place): is "
          + "\(language).traineddata installed (Debian: tesseract-ocr-\(language.replacingOccurrences(of: "_", with: "-")))?"
      )
    }
    _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
    self.handle = handle
  }

  deinit {
    TessBaseAPIEnd(handle)
    TessBaseAPIDelete(handle)
  }

  /// Recognises `image` with page segmentation `mode`.
  /// - Returns: Tesseract's text and mean word confidence (0–100).
  func recognize(_ image: Pix, mode: TessPageSegMode) throws(OCRError) -> (text: String, confidence: Int) {
    OpenMP.singleThreadHere()
    defer { TessBaseAPIClear(handle) }
    TessBaseAPISetPageSegMode(handle, mode)
    TessBaseAPISetImage2(handle, image.pointer)
    TessBaseAPISetSourceResolution(handle, 300)
    let monitor = TessMonitorCreate()
    defer { if let monitor { TessMonitorDelete(monitor) } }
    if let monitor { TessMonitorSetDeadlineMSecs(monitor, Self.deadlineMilliseconds) }
    guard TessBaseAPIRecognize(handle, monitor) == 0 else {
      throw .recognitionFailed("文字识别失败 / Tesseract could not recognise the image")
    }
    guard let utf8 = TessBaseAPIGetUTF8Text(handle) else {
      throw .recognitionFailed("文字识别失败 / Tesseract returned no text")
    }
    let text = String(cString: utf8)
    TessDeleteText(utf8)
    return (text, Int(TessBaseAPIMeanTextConf(handle)))
  }
}
