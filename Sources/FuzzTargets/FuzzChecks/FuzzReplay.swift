import Foundation

/// Replays saved inputs through a fuzz target: what the `fuzz-*` executables do when built
/// without `-DFUZZING`, and what `FuzzRegressionTests` does in `swift test`.
public enum FuzzReplay {
  /// The inputs under `paths`: a file is taken as is, a directory contributes its files
  /// (recursively, hidden files skipped) sorted by path.
  public static func inputs(in paths: [String]) -> [String] {
    let fm = FileManager.default
    var result: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      guard isDirectory.boolValue else {
        result.append(path)
        continue
      }
      var found: [String] = []
      let walker = fm.enumerator(atPath: path)
      while let item = walker?.nextObject() as? String {
        let full = (path as NSString).appendingPathComponent(item)
        var isDir: ObjCBool = false
        let hidden = item.split(separator: "/").contains { $0.hasPrefix(".") }
        if !hidden, fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { found.append(full) }
      }
      result += found.sorted()
    }
    return result
  }

  /// The default inputs of a target, relative to `root` (the package directory):
  /// `Fuzz/corpus/NAME` and `Fuzz/regressions/NAME`.
  public static func defaultPaths(for target: FuzzTarget, root: String = ".") -> [String] {
    ["corpus", "regressions"].map { "\(root)/Fuzz/\($0)/\(target.rawValue)" }
  }

  /// Runs every input under `arguments` (or the default paths) and prints each failure.
  /// - Returns: the exit status: 0 when every input passed, 1 otherwise, 2 when there was
  ///   nothing to replay.
  public static func main(_ target: FuzzTarget, arguments: [String]) -> Int32 {
    if arguments.contains(where: { $0 == "-h" || $0 == "--help" || $0.hasPrefix("-") }) {
      print(
        """
        usage: \(target.rawValue) [FILE|DIR]...
        Replays saved inputs through the \(target.rawValue) check (default: \
        \(defaultPaths(for: target).joined(separator: " "))). This is a normal build; to fuzz, \
        run Fuzz/run.sh \(target.rawValue) SECONDS.
        """)
      return arguments.contains { $0 == "-h" || $0 == "--help" } ? 0 : 2
    }
    let files = inputs(in: arguments.isEmpty ? defaultPaths(for: target) : arguments)
    guard !files.isEmpty else {
      FileHandle.standardError.write(Data("\(target.rawValue): no inputs found\n".utf8))
      return 2
    }
    var failures = 0
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        FileHandle.standardError.write(Data("\(file): cannot read\n".utf8))
        failures += 1
        continue
      }
      do {
        try target.check([UInt8](data))
      } catch {
        print("\(file): FAIL \(error.description)")
        failures += 1
      }
    }
    print("\(target.rawValue): \(files.count) inputs, \(failures) failed")
    return failures == 0 ? 0 : 1
  }
}
