import Fangfei
import Foundation
import FuzzChecks
import Testing

/// The rule files in Fuzz/regressions/fuzz-rules that reproduce wrong verdicts do so only while
/// they load and their rules fire on their examples; this keeps them doing so (the fuzz check
/// alone would pass quietly on a pack that no longer compiles). Minimised crash inputs
/// (`*-crash.rules`) need not load.
@Suite struct RegressionPackTests {
  @Test func regressionPacksLoadAndPassTheirExamples() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    let files = FuzzReplay.inputs(in: ["\(root)/Fuzz/regressions/fuzz-rules"]).filter {
      $0.hasSuffix(".rules") && !$0.hasSuffix("-crash.rules")
    }
    #expect(!files.isEmpty)
    for file in files {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      let classifier: Classifier
      do {
        classifier = try Classifier(ruleText: text, path: file)
      } catch {
        Issue.record("\(file) does not load: \(error)")
        continue
      }
      for result in ExampleRunner(classifier: classifier).run() where !result.passed {
        Issue.record("\(result)")
      }
    }
  }
}
