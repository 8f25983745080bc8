import FuzzChecks

/// libFuzzer's entry point: one input. (A normal build defines it too; nothing calls it there.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  FuzzTarget.normalizer.fuzz(data, size)
}

/// Runs `FuzzTarget.normalizer` under libFuzzer in a fuzzing build, or replays saved inputs.
@main
enum FuzzNormalizer {
  static func main() { FuzzTarget.normalizer.main(testOneInput: fuzz) }
}
