import Foundation

#if FUZZING
  /// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *, size_t))`
  /// from libFuzzer (pointers and integers only, so the Swift and C conventions agree).
  @_silgen_name("LLVMFuzzerRunDriver")
  private func runFuzzer(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32
#endif

extension FuzzTarget {
  /// The `main` of a `fuzz-*` executable. A fuzzing build (`FANGFEI_FUZZ=1`, see Fuzz/run.sh)
  /// hands the command line to libFuzzer's driver with `testOneInput` (the executable's
  /// `LLVMFuzzerTestOneInput`): SwiftPM renames every executable's `main`, so libFuzzer's own
  /// `main` is not used. A normal build replays saved inputs: `fuzz-… [FILE|DIR]...`.
  public func main(testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    #if FUZZING
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(runFuzzer(&argc, &argv, testOneInput))
    #else
      exit(FuzzReplay.main(self, arguments: Array(CommandLine.arguments.dropFirst())))
    #endif
  }
}
