import COpenCC
import Foundation

/// Builds the character table used by step 4: every CJK ideograph is converted by OpenCC on
/// its own line, and the 1:1 conversions that change the character are kept. The table of
/// ``defaultConfiguration`` is built at build time (by `NormalizerTablesTool`) and embedded;
/// other configurations are built at run time, once per configuration and process (about
/// 50-100 ms).
///
/// Converting characters one per line drops OpenCC's phrase context (乾隆 stays 乾隆 in
/// phrase mode but 乾 alone becomes 干; 瞭解 becomes 了解 but 瞭 alone stays). On the scam
/// and chat sample in NOTES.md the table agrees with phrase-level OpenCC on 99.7% of the
/// characters, at about 50 times the speed.
package enum TraditionalChineseTable {
  /// Why OpenCC could not produce the table (FangfeiText turns this into its public
  /// `NormalizerError`).
  package enum Failure: Error, Sendable, Equatable {
    /// OpenCC could not open the configuration; the message is OpenCC's.
    case unavailable(configuration: String, message: String)
    /// OpenCC failed to convert, or its output does not line up with the input.
    case conversionFailed(configuration: String, message: String)
  }

  /// The configuration of the table embedded at build time (the default of
  /// `NormalizerOptions.openCCConfiguration`).
  package static let defaultConfiguration = "t2s.json"

  /// The ideograph ranges sent to OpenCC: extension A, the unified block, compatibility
  /// ideographs and extension B (extensions C-F change four characters; they are skipped).
  package static let ranges: [ClosedRange<UInt32>] = [
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2A6DF,
  ]

  private static let cache = Cache()

  /// The pairs (traditional, simplified) for `configuration`, from the process-wide cache.
  package static func pairs(configuration: String) throws(Failure) -> [(UInt32, UInt32)] {
    if let cached = cache.lookup(configuration) { return cached }
    let built = try build(configuration: configuration)
    cache.store(configuration, built)
    return built
  }

  /// Converts the ranges with OpenCC, split into two halves converted concurrently.
  package static func build(configuration: String) throws(Failure) -> [(UInt32, UInt32)] {
    let all = ranges.flatMap { $0 }
    let middle = all.count / 2
    let parts = [Array(all[..<middle]), Array(all[middle...])]
    let results = ResultBox(count: parts.count)
    DispatchQueue.concurrentPerform(iterations: parts.count) { part in
      results.set(part, convert(parts[part], configuration: configuration))
    }
    var pairs: [(UInt32, UInt32)] = []
    for part in 0..<parts.count {
      switch results.get(part) {
      case .success(let found): pairs.append(contentsOf: found)
      case .failure(let error): throw error
      case nil:
        throw .conversionFailed(configuration: configuration, message: "no result")
      }
    }
    return pairs
  }

  /// Converts `scalars` (one per line) with a fresh OpenCC instance.
  static func convert(
    _ scalars: [UInt32], configuration: String
  ) -> Result<[(UInt32, UInt32)], Failure> {
    guard let handle = opencc_open(configuration),
      handle != UnsafeMutableRawPointer(bitPattern: -1)
    else {
      return .failure(.unavailable(configuration: configuration, message: lastError()))
    }
    defer { _ = opencc_close(handle) }
    var input: [UInt8] = []
    input.reserveCapacity(scalars.count * 4)
    for value in scalars {
      guard let scalar = Unicode.Scalar(value) else { continue }
      input.append(contentsOf: String(scalar).utf8)
      input.append(0x0A)
    }
    let converted = input.withUnsafeBufferPointer { buffer -> String? in
      guard let base = buffer.baseAddress else { return nil }
      let result = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        opencc_convert_utf8(handle, $0, buffer.count)
      }
      guard let result else { return nil }
      defer { opencc_convert_utf8_free(result) }
      return String(cString: result)
    }
    guard let converted else {
      return .failure(.conversionFailed(configuration: configuration, message: lastError()))
    }
    let lines = converted.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
    var expected = scalars.compactMap { Unicode.Scalar($0) }.makeIterator()
    guard lines.count >= scalars.count else {
      return .failure(
        .conversionFailed(
          configuration: configuration,
          message: "expected \(scalars.count) lines, got \(lines.count)"))
    }
    var pairs: [(UInt32, UInt32)] = []
    for line in lines {
      guard let source = expected.next() else { break }
      let output = String(decoding: line, as: UTF8.self).unicodeScalars
      guard output.count == 1, let target = output.first, target != source else { continue }
      pairs.append((source.value, target.value))
    }
    return .success(pairs)
  }

  private static func lastError() -> String {
    guard let message = opencc_error() else { return "unknown error" }
    return String(cString: message)
  }

  /// Results of the concurrent conversions.
  private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[(UInt32, UInt32)], Failure>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[(UInt32, UInt32)], Failure>) {
      lock.lock()
      defer { lock.unlock() }
      results[index] = result
    }

    func get(_ index: Int) -> Result<[(UInt32, UInt32)], Failure>? {
      lock.lock()
      defer { lock.unlock() }
      return results[index]
    }
  }

  /// The process-wide table cache, keyed by configuration.
  private final class Cache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: [(UInt32, UInt32)]] = [:]

    func lookup(_ configuration: String) -> [(UInt32, UInt32)]? {
      lock.lock()
      defer { lock.unlock() }
      return tables[configuration]
    }

    func store(_ configuration: String, _ pairs: [(UInt32, UInt32)]) {
      lock.lock()
      defer { lock.unlock() }
      tables[configuration] = pairs
    }
  }
}
