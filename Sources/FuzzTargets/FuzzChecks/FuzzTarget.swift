/// The fuzz targets: each takes arbitrary bytes and throws ``FuzzFailure`` when the library
/// breaks one of its promises (a crash or a hang is a failure too, reported by the fuzzer).
///
/// The `fuzz-*` executables run one target under libFuzzer when built with `FANGFEI_FUZZ=1`, and
/// otherwise replay files through it; `FuzzRegressionTests` replays `Fuzz/corpus` and
/// `Fuzz/regressions` in `swift test`.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// Rule text → `PackLoader.check` → `Classifier(ruleText:)` → classify.
  case rules = "fuzz-rules"
  /// Message → the bundled classifier; spans must slice the original.
  case classify = "fuzz-classify"
  /// Message → the normaliser; its offset map must stay in bounds and monotonic.
  case normalizer = "fuzz-normalizer"

  /// Runs the target's check on one input.
  /// - Throws: ``FuzzFailure`` naming the broken invariant.
  public func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(FuzzFailure) {
    switch self {
    case .rules: try RuleChecks.check(bytes)
    case .classify: try ClassifyChecks.check(bytes)
    case .normalizer: try NormalizerChecks.check(bytes)
    }
  }

  /// Runs the target's check on one input held in an array.
  public func check(_ bytes: [UInt8]) throws(FuzzFailure) {
    let result = bytes.withUnsafeBufferPointer { buffer -> FuzzFailure? in
      do throws(FuzzFailure) {
        try check(buffer)
        return nil
      } catch {
        return error
      }
    }
    if let result { throw result }
  }

  /// The libFuzzer entry point's body: runs the check and traps with the failure's message,
  /// which the fuzzer reports as a crash and saves the input for.
  public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    do {
      try check(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    } catch {
      fatalError("\(rawValue): \(error.description)")
    }
    return 0
  }
}
