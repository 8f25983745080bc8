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

  /// A stand-in reading that holds its thread until the test lets it go.
  static func blocker(_ gate: DispatchSemaphore, gauge: Gauge) -> OCRWorkers.Work {
    { image throws(OCRError) in
      gauge.enter()
      gate.wait()
      gauge.leave()
      return ImageCheck(ocr: OCRResult(text: "\(image.count)", confidence: 90), retake: false, verdict: nil)
    }
  }

  /// Waits (without a time limit that a loaded machine could break, up to two minutes) until
  /// `condition` holds.
  static func waitUntil(_ condition: () -> Bool) async {
    let deadline = ContinuousClock.now + .seconds(120)
    while !condition() && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
  }

  @Test func aFullLineIsBusyAndALongWaitTimesOut() async {
    let gauge = Gauge()
    let gate = DispatchSemaphore(value: 0)
    // One thread and a line of one; readings hold the thread until the gate opens, so every
    // step below is decided by state, not by timing.
    let workers = OCRWorkers(threads: 1, maxQueued: 1, work: Self.blocker(gate, gauge: gauge))
    let first = Task { await workers.run([1], queueTimeout: .seconds(600), timeout: .seconds(600)) }
    await Self.waitUntil { gauge.now.withLock { $0 } == 1 }
    let second = Task { await workers.run([1, 2], queueTimeout: .seconds(600), timeout: .seconds(600)) }
    await Self.waitUntil { workers.waiting == 1 }
    // The thread is busy and the line is full.
    let third = await workers.run([1, 2, 3], queueTimeout: .seconds(600), timeout: .seconds(600))
    #expect(third == .failure(.busy))
    gate.signal()
    gate.signal()
    #expect((try? await first.value.get())?.ocr.text == "1")
    #expect((try? await second.value.get())?.ocr.text == "2")

    // A photo that waits longer than its queue timeout behind a held thread.
    let holder = Task { await workers.run([1], queueTimeout: .seconds(600), timeout: .seconds(600)) }
    await Self.waitUntil { gauge.now.withLock { $0 } == 1 }
    let waited = await workers.run([1], queueTimeout: .milliseconds(100), timeout: .seconds(600))
    #expect(waited == .failure(.queueTimeout))
    gate.signal()
    #expect((try? await holder.value.get()) != nil)
  }

  @Test func aSlowReadingTimesOutAndReaderErrorsComeThrough() async {
    let gauge = Gauge()
    // A reading 20 times longer than its timeout: the timer still fires first on a loaded
    // machine (0.4 s against 0.1 s once lost under a load average of 6 on two cores).
    let workers = OCRWorkers(threads: 1, maxQueued: 4, work: Self.sleeper(2, gauge: gauge))
    let slow = await workers.run([1], queueTimeout: .seconds(5), timeout: .milliseconds(100))
    #expect(slow == .failure(.timedOut))
    let failed = await workers.run([0], queueTimeout: .seconds(10), timeout: .seconds(10))
    #expect(failed == .failure(.ocr(.recognitionFailed("stand-in"))))
  }
}
