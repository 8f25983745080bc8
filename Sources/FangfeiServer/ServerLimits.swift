/// The limits of a ``GridServer``: how big a request may be, how many photos are read at once,
/// and how long anything may take. The defaults suit one laptop serving a few grid workers'
/// phones over a hotspot.
public struct ServerLimits: Sendable, Hashable {
  /// The largest text body (`POST /api/check`, or the text field of the page's form), in bytes;
  /// larger requests are answered with 413. Default 256 KiB.
  public var maxTextBytes: Int
  /// The largest image (`POST /api/check-image`, or the photo of the page's form), in bytes;
  /// larger requests are answered with 413. Default 10 MiB.
  public var maxImageBytes: Int
  /// How many photos are read (OCR) at the same time, each on its own thread. Default 2.
  public var ocrJobs: Int
  /// How many photos may wait for a free OCR thread; further ones are answered with 503 at
  /// once. Default 8.
  public var maxQueuedImages: Int
  /// How long a photo may wait for a free OCR thread before the answer is 503. Default 20 s.
  public var queueTimeout: Duration
  /// How long reading one photo may take before the answer is 503. Default 30 s.
  public var ocrTimeout: Duration
  /// How long a connection may stay silent (also while sending a body) before it is closed.
  /// Default 30 s.
  public var idleTimeout: Duration

  /// Creates limits; every argument has the default described on its property.
  public init(
    maxTextBytes: Int = 256 * 1024, maxImageBytes: Int = 10 * 1024 * 1024, ocrJobs: Int = 2,
    maxQueuedImages: Int = 8, queueTimeout: Duration = .seconds(20), ocrTimeout: Duration = .seconds(30),
    idleTimeout: Duration = .seconds(30)
  ) {
    self.maxTextBytes = maxTextBytes
    self.maxImageBytes = maxImageBytes
    self.ocrJobs = ocrJobs
    self.maxQueuedImages = maxQueuedImages
    self.queueTimeout = queueTimeout
    self.ocrTimeout = ocrTimeout
    self.idleTimeout = idleTimeout
  }
}

extension Duration {
  /// The duration in (fractional) seconds.
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) / 1e18
  }
}
