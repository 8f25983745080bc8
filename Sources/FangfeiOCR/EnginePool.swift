import Foundation

/// Lends each engine to one caller at a time; callers wait (blocking their thread) until one is
/// free. Keeps the reader's statistics.
final class EnginePool: @unchecked Sendable {
  // Safety: every mutable property is read and written with `condition` locked; an engine is
  // used only by the caller that took it out of `idle`.
  private let condition = NSCondition()
  private var idle: [TesseractEngine]
  private var statistics: OCRStatistics

  init(engines: [TesseractEngine], loadSeconds: Double) {
    idle = engines
    statistics = OCRStatistics(
      engines: engines.count, busy: 0, waiting: 0, modelLoadSeconds: loadSeconds, images: 0, failures: 0,
      readingSeconds: 0)
  }

  /// A copy of the statistics.
  var snapshot: OCRStatistics {
    condition.lock()
    defer { condition.unlock() }
    return statistics
  }

  /// Runs `body` with an engine of its own, waiting for one to be free.
  func withEngine<R>(_ body: (TesseractEngine) throws(OCRError) -> R) throws(OCRError) -> R {
    condition.lock()
    statistics.waiting += 1
    while idle.isEmpty { condition.wait() }
    statistics.waiting -= 1
    statistics.busy += 1
    let engine = idle.removeLast()
    condition.unlock()
    let start = ContinuousClock.now
    let result = Result { () throws(OCRError) -> R in try body(engine) }
    let elapsed = start.duration(to: .now)
    condition.lock()
    idle.append(engine)
    statistics.busy -= 1
    statistics.readingSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    switch result {
    case .success: statistics.images += 1
    case .failure: statistics.failures += 1
    }
    condition.signal()
    condition.unlock()
    return try result.get()
  }
}
