/// A snapshot of a ``FlyerReader``'s work so far (for a status page or metrics).
public struct OCRStatistics: Sendable, Hashable, Codable {
  /// How many Tesseract engines (model copies) the reader has.
  public var engines: Int
  /// Engines reading an image right now.
  public var busy: Int
  /// Calls waiting for a free engine right now.
  public var waiting: Int
  /// Seconds it took to load all the engines' models.
  public var modelLoadSeconds: Double
  /// Images read successfully.
  public var images: Int
  /// Reads that failed with an engine (damaged image data, recognition failure); data refused by
  /// its header (not an image, too large) fails before taking an engine and is not counted.
  public var failures: Int
  /// Seconds spent on decoding, pre-processing and recognition, summed over all calls (waiting
  /// for an engine excluded).
  public var readingSeconds: Double

  /// Creates a snapshot.
  public init(
    engines: Int, busy: Int, waiting: Int, modelLoadSeconds: Double, images: Int, failures: Int,
    readingSeconds: Double
  ) {
    self.engines = engines
    self.busy = busy
    self.waiting = waiting
    self.modelLoadSeconds = modelLoadSeconds
    self.images = images
    self.failures = failures
    self.readingSeconds = readingSeconds
  }

  /// The mean seconds per call, or nil before the first one.
  public var meanSeconds: Double? {
    let calls = images + failures
    return calls == 0 ? nil : readingSeconds / Double(calls)
  }
}
