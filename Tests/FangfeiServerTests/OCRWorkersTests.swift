import FangfeiOCR
import Foundation
import Synchronization
import Testing

@testable import FangfeiServer

/// The OCR thread pool with a stand-in that sleeps instead of reading.
@Suite struct OCRWorkersTests {
  /// Counts how many readings run at once.
  final class Gauge: Sendable {
    let now = Mutex(0)
    let peak = Mutex(0)

    func enter() {
      let value = now.withLock { n in
        n += 1
        return n
      }
      peak.withLock { $0 = max($0, value) }
    }

    func leave() { now.withLock { $0 -= 1 } }
  }

  static func sleeper(_ seconds: Double, gauge: Gauge) -> OCRWorkers.Work {
    { image throws(OCRError) in
      gauge.enter()
      Thread.sleep(forTimeInterval: seconds)
      gauge.leave()
      if image == [0] { throw .recognitionFailed("stand-in") }
      return ImageCheck(ocr: OCRResult(text: "\(image.count)", confidence: 90), retake: false, verdict: nil)
    }
  }

  @Test func atMostTheGivenNumberOfReadingsRunAtOnce() async {
    let gauge = Gauge()
    let workers = OCRWorkers(threads: 2, maxQueued: 10, work: Self.sleeper(0.1, gauge: gauge))
    let results = await withTaskGroup(of: OCRWorkers.Outcome.self) { group in
      for i in 1...6 {
        group.addTask {
          await workers.run(Array(repeating: 1, count: i), queueTimeout: .seconds(10), timeout: .seconds(10))
        }
      }
      var all: [OCRWorkers.Outcome] = []
      for await r in group { all.append(r) }
      return all
    }
    let texts = results.compactMap { try? $0.get().ocr.text }.sorted()
    #expect(texts == ["1", "2", "3", "4", "5", "6"])
    #expect(gauge.peak.withLock { $0 } == 2)
  }

  @Test func aFullLineIsBusyAndALongWaitTimesOut() async {
    let gauge = Gauge()
    // The reading takes 3 s, far longer than the arrivals and the 300 ms queue wait, so that a
    // loaded machine cannot let the waiting job through.
    let workers = OCRWorkers(threads: 1, maxQueued: 1, work: Self.sleeper(3, gauge: gauge))
    let results = await withTaskGroup(of: OCRWorkers.Outcome.self) { group in
      for i in 1...3 {
        group.addTask {
          // Stagger the arrivals so the order is known: one runs, one waits, one finds the line full.
          try? await Task.sleep(for: .milliseconds(50 * i))
          return await workers.run([1], queueTimeout: .milliseconds(300), timeout: .seconds(10))
        }
      }
      var all: [OCRWorkers.Outcome] = []
      for await r in group { all.append(r) }
      return all
    }
    let failures = results.compactMap { r -> OCRFailure? in
      if case .failure(let f) = r { return f }
      return nil
    }
    #expect(results.count { (try? $0.get()) != nil } == 1)
    #expect(failures.contains(.busy))
    #expect(failures.contains(.queueTimeout))
  }

  @Test func aSlowReadingTimesOutAndReaderErrorsComeThrough() async {
    let gauge = Gauge()
    let workers = OCRWorkers(threads: 1, maxQueued: 4, work: Self.sleeper(0.4, gauge: gauge))
    let slow = await workers.run([1], queueTimeout: .seconds(5), timeout: .milliseconds(100))
    #expect(slow == .failure(.timedOut))
    let failed = await workers.run([0], queueTimeout: .seconds(5), timeout: .seconds(5))
    #expect(failed == .failure(.ocr(.recognitionFailed("stand-in"))))
  }
}
