import FuzzChecks

/// libFuzzer's entry point: one input. (A normal build defines it too; nothing calls it there.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  FuzzTarget.classify.fuzz(data, size)
}

/// Runs `FuzzTarget.classify` under libFuzzer in a fuzzing build, or replays saved inputs.
@main
enum FuzzClassify {
  static func main() { FuzzTarget.classify.main(testOneInput: fuzz) }
}
