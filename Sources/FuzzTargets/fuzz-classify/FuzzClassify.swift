import Foundation
import FuzzChecks

#if FUZZING
  /// libFuzzer's entry point: one input.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.classify.fuzz(data, size)
  }

  /// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *, size_t))`
  /// from libFuzzer (pointers and integers only, so the Swift and C conventions agree).
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzer(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  /// A fuzzing build (`FANGFEI_FUZZ=1`, see Fuzz/run.sh) hands the command line to libFuzzer:
  /// SwiftPM renames every executable's `main`, so libFuzzer's own `main` is not used.
  @main
  enum FuzzClassify {
    static func main() {
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(runFuzzer(&argc, &argv, fuzz))
    }
  }
#else
  /// A normal build replays saved inputs: `fuzz-classify [FILE|DIR]...`.
  @main
  enum FuzzClassify {
    static func main() {
      exit(FuzzReplay.main(.classify, arguments: Array(CommandLine.arguments.dropFirst())))
    }
  }
#endif
