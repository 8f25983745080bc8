import Dispatch
import Fangfei
import Foundation

/// Classifies a batch of messages on several threads; the results keep the input order.
struct Batcher: Sendable {
  /// One input line: a message to classify, or a line that could not be read (`text` nil).
  struct Item: Sendable {
    var text: String?
    var id: String
    var rawID: String
    var problem: String?
  }

  let classifier: Classifier
  let language: Language
  let jobs: Int

  /// Lines a batch collects before it is classified: enough to keep every worker busy, few
  /// enough to bound memory.
  var batchSize: Int { jobs == 1 ? 256 : 2048 }

  /// The verdicts of `items`, in order (nil for items without text).
  func classify(_ items: [Item]) -> [Verdict?] {
    if jobs == 1 || items.count < 2 {
      return items.map { item in item.text.map { classifier.classify($0, id: item.id, language: language) } }
    }
    let results = ResultBox(count: items.count)
    let workers = min(jobs, items.count)
    let shared = classifier
    let lang = language
    // Small contiguous chunks handed out in turn: workers rarely write verdicts next to each
    // other's (no false sharing), and a slow chunk does not hold the others back.
    let chunk = 64
    let chunks = (items.count + chunk - 1) / chunk
    let next = ChunkCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let c = next.take(below: chunks) {
        for i in (c * chunk)..<min(items.count, (c + 1) * chunk) {
          if let text = items[i].text {
            results.set(i, shared.classify(text, id: items[i].id, language: lang))
          }
        }
      }
    }
    return results.values
  }
}

/// Hands out chunk numbers 0, 1, … to the workers, each once.
private final class ChunkCounter: @unchecked Sendable {
  // Safety: `value` is only touched under `lock`.
  private let lock = NSLock()
  private var value = 0

  func take(below limit: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < limit else { return nil }
    value += 1
    return value - 1
  }
}

/// Storage the workers write disjoint slots of.
private final class ResultBox: @unchecked Sendable {
  // Safety: each index is written by exactly one worker, and read only after
  // concurrentPerform has returned (which orders those writes before the reads).
  private var storage: [Verdict?]

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ v: Verdict) {
    storage.withUnsafeMutableBufferPointer { $0[i] = v }
  }

  var values: [Verdict?] { storage }
}
