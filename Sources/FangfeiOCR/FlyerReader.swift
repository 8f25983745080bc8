import CTesseract
import CTesseractLoader
import Fangfei

/// Reads flyers with Tesseract (`chi_sim`). The model is loaded once per engine; `engines`
/// handles allow that many recognitions at the same time (each call blocks its thread while it
/// runs, and waits for a free engine when all are busy). Safe to share across threads and tasks.
///
/// Each image is decoded from memory (never written to disk), turned grey, scaled into a
/// sensible size range (at most 4 megapixels), its background flattened (uneven lighting) and
/// deskewed, then read with page segmentation mode 3 (automatic layout). Mode 3 is kept because
/// it also reads light text on a dark title band, which mode 6 (one uniform block) drops: on the
/// five readable sample flyers mode 3 gave 94–98% character accuracy, mode 6 89–98% (the coloured
/// flyer lost its title) and mode 11 (sparse text) 89–96%. When mode 3 finds no text at all (it
/// takes a blurred page for a picture) the image is read again in mode 6, so that a blurred photo
/// gets a low confidence and a retake request rather than an empty page.
public final class FlyerReader: Sendable {
  /// The default confidence below which ``check(_:with:minimumConfidence:)`` asks for a retake: 60.
  ///
  /// Measured on the sample flyers (Tesseract 5.3, chi_sim): sharp flyers read at mean confidence
  /// 83–88 with 98% character accuracy; the tilted and noisy, coloured and unevenly lit photos at
  /// 84–88 (96–97%); a slightly out-of-focus photo at 78 (91%), still good enough to quote the
  /// scam's phrases. Below 60 the text falls apart: confidence 39 came with 56% accuracy, 35 with
  /// 53% and 33 with 45%, where key phrases are misread and a "clean" verdict would mislead;
  /// heavier blur gives 10–16 (5–12%). A retake costs the user a few seconds, a verdict on
  /// garbage costs trust: the threshold sits well above the garbage and well below the poor but
  /// usable photos.
  public static let defaultMinimumConfidence: Double = 60

  private let pool: EnginePool

  /// Loads the model.
  /// - Parameters:
  ///   - language: Tesseract language, `chi_sim` by default (`chi_sim+eng` for mixed text).
  ///   - dataPath: The tessdata folder, or nil for Tesseract's default.
  ///   - engines: How many recognitions may run at once (one model copy each, about 50 MB
  ///     and 0.1–0.6 s to load for chi_sim); values below 1 count as 1.
  /// - Throws: `OCRError.modelUnavailable` when the Tesseract or Leptonica library or the
  ///   language data cannot be loaded.
  public init(language: String = "chi_sim", dataPath: String? = nil, engines: Int = 1) throws(OCRError) {
    // Before the libraries are opened: libgomp reads its environment when it is loaded.
    OpenMP.limitEnvironment()
    if let failure = fangfei_ocr_load() { throw .modelUnavailable(String(cString: failure)) }
    Leptonica.quiet()
    let start = ContinuousClock.now
    var loaded: [TesseractEngine] = []
    for _ in 0..<max(1, engines) {
      loaded.append(try TesseractEngine(language: language, dataPath: dataPath))
    }
    let elapsed = start.duration(to: .now)
    pool = EnginePool(
      engines: loaded,
      loadSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }

  /// What the reader has done so far: engines busy and waiting, images read, time spent.
  public var statistics: OCRStatistics { pool.snapshot }

  /// Reads the text of an encoded image (PNG, JPEG, WebP, TIFF, BMP, GIF, PNM, JPEG 2000).
  /// Blocks the calling thread for the recognition (0.3–1.5 s for a flyer photo on one core)
  /// and while waiting for a free engine.
  /// - Returns: The tidied text (see ``OCRResult/text``) and Tesseract's mean confidence (0 when
  ///   no text was found).
  /// - Throws: `OCRError.notAnImage` for data that is not a supported image (also empty, damaged
  ///   or over 40 megapixels); `OCRError.recognitionFailed` when Tesseract fails.
  public func read(_ image: [UInt8]) throws(OCRError) -> OCRResult {
    // The header is checked before waiting for an engine (non-images fail at once); decoding
    // happens with an engine, which bounds the decoded images in memory to one per engine.
    let header = try ImageDecoder.inspect(image)
    return try pool.withEngine { engine throws(OCRError) in
      let prepared = Preprocessor.prepare(try ImageDecoder.decode(image, header: header))
      var (raw, confidence) = try engine.recognize(prepared, mode: PSM_AUTO)
      if !OCRText.hasWords(raw) {
        (raw, confidence) = try engine.recognize(prepared, mode: PSM_SINGLE_BLOCK)
      }
      let text = OCRText.tidy(raw)
      return OCRResult(text: text, confidence: OCRText.hasWords(text) ? Double(confidence) : 0)
    }
  }

  /// Reads an image and classifies what it says, or asks for a retake when the confidence is
  /// below `minimumConfidence` (see ``defaultMinimumConfidence`` for how it was chosen).
  /// - Returns: The OCR result and either the verdict on its text (spans point into `ocr.text`)
  ///   or `retake: true` and no verdict.
  ///   `id` and `language` are passed on to ``Classifier/classify(_:id:language:)``.
  /// - Throws: What ``read(_:)`` throws.
  public func check(
    _ image: [UInt8], with classifier: Classifier, minimumConfidence: Double = FlyerReader.defaultMinimumConfidence,
    id: String? = nil, language: Language = .zh
  ) throws(OCRError) -> ImageCheck {
    let ocr = try read(image)
    if ocr.confidence < minimumConfidence { return ImageCheck(ocr: ocr, retake: true, verdict: nil) }
    return ImageCheck(ocr: ocr, retake: false, verdict: classifier.classify(ocr.text, id: id, language: language))
  }
}
