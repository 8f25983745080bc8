import Fangfei
import FangfeiOCR

/// What a ``GridServer`` serves with: the classifier, the flyer reader (optional: without one the
/// server still checks text and answers photo requests with 503), the reporting contacts, the
/// language of the answers and the limits.
public struct ServerConfiguration: Sendable {
  /// The classifier every check uses.
  public var classifier: Classifier
  /// The OCR engine for photos, or nil when OCR is unavailable.
  public var reader: FlyerReader?
  /// Why OCR is unavailable (shown in 503 answers and on `/healthz`) when `reader` is nil.
  public var ocrUnavailableReason: String?
  /// The city or prefecture whose reporting contact the answers show, if any.
  public var city: Contact?
  /// The national lines shown after the city (the anti-fraud hotline 96110).
  public var national: [Contact]
  /// The language of the answers' explanations (headings are always Chinese, then English).
  public var language: Language
  /// The OCR confidence (0–100) below which a photo gets "请重拍 / please retake".
  public var minimumConfidence: Double
  /// Request sizes, OCR concurrency and timeouts.
  public var limits: ServerLimits

  /// Creates a configuration.
  /// - Parameters:
  ///   - classifier: The classifier every check uses.
  ///   - reader: The OCR engine, or nil to serve text checks only.
  ///   - ocrUnavailableReason: Why there is no reader (for the 503 message).
  ///   - city: The local reporting contact, if any.
  ///   - national: The national lines; nil means the bundled ones (96110).
  ///   - language: The language of the explanations.
  ///   - minimumConfidence: The OCR confidence below which a retake is asked for.
  ///   - limits: Request sizes, OCR concurrency and timeouts.
  public init(
    classifier: Classifier, reader: FlyerReader? = nil, ocrUnavailableReason: String? = nil, city: Contact? = nil,
    national: [Contact]? = nil, language: Language = .zh,
    minimumConfidence: Double = FlyerReader.defaultMinimumConfidence, limits: ServerLimits = ServerLimits()
  ) {
    self.classifier = classifier
    self.reader = reader
    self.ocrUnavailableReason = ocrUnavailableReason
    self.city = city
    self.national = national ?? Self.bundledNational()
    self.language = language
    self.minimumConfidence = minimumConfidence
    self.limits = limits
  }

  /// The bundled national lines; empty if the bundled tables cannot be read (they are tested).
  private static func bundledNational() -> [Contact] {
    do {
      return try ContactDirectory.bundled().national
    } catch {
      return []
    }
  }
}
