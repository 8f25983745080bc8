import Foundation
import FuzzChecks
import Testing

/// The package directory (this file is Tests/FuzzRegressionTests/FuzzRegressionTests.swift).
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

/// Every saved fuzz input — the seed corpora and the minimised crashes — replayed through its
/// target's check, so that `swift test` keeps fixed bugs fixed without a fuzzer build.
@Suite struct FuzzRegressionTests {
  @Test(arguments: FuzzTarget.allCases)
  func savedInputsPass(_ target: FuzzTarget) throws {
    let files = FuzzReplay.inputs(in: FuzzReplay.defaultPaths(for: target, root: root))
    #expect(!files.isEmpty, "no saved inputs for \(target.rawValue)")
    for file in files {
      let data = try #require(FileManager.default.contents(atPath: file), "cannot read \(file)")
      do {
        try target.check([UInt8](data))
      } catch {
        Issue.record("\(file): \(error.description)")
      }
    }
  }
}
