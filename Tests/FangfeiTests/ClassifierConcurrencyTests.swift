import Testing

@testable import Fangfei

@Suite("Sharing one classifier")
struct ClassifierConcurrencyTests {
  @Test func eightTasksGiveIdenticalVerdicts() async throws {
    let classifier = try #require(bundled)
    let texts = SpanTests.texts.map(\.0) + ["今天天气不错", "警惕非法集资", "年化收益36%保本保息"]
    let serial = texts.map { classifier.classify($0) }
    let results = await withTaskGroup(of: [Verdict].self) { group in
      for _ in 0..<8 {
        group.addTask {
          var out: [Verdict] = []
          for _ in 0..<25 { out = texts.map { classifier.classify($0) } }
          return out
        }
      }
      var all: [[Verdict]] = []
      for await r in group { all.append(r) }
      return all
    }
    #expect(results.count == 8)
    for r in results { #expect(r == serial) }
  }
}
