import FuzzChecks

/// libFuzzer's entry point: one input. (A normal build defines it too; nothing calls it there.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  FuzzTarget.rules.fuzz(data, size)
}

/// Runs `FuzzTarget.rules` under libFuzzer in a fuzzing build, or replays saved inputs.
@main
enum FuzzRules {
  static func main() { FuzzTarget.rules.main(testOneInput: fuzz) }
}
