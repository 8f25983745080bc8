import Fangfei
import Testing

/// One compiled pattern shared by concurrent tasks, each with its own scratch.
@Suite("Concurrency")
struct ConcurrencyTests {
  /// Eight tasks scanning with one `CompiledPattern` see identical results.
  @Test func sharedPatternAcrossTasks() async throws {
    let pattern = try CompiledPattern(
      #"(?<rate>\d+(?:\.\d+)?)\s*%|保本保息|稳赚不赔|(?<coin>USDT|NFT)"#, options: .caseless)
    #expect(pattern.isJIT)
    let text = String(
      repeating: "年化收益高达36%，保本保息；usdt日返1.5%🔥稳赚不赔，nft数字藏品。\n", count: 200)
    let reference = try pattern.allMatches(in: text, scratch: MatchScratch())
    #expect(reference.count == 1_200)
    let results = await withTaskGroup(of: [MatchRange]?.self) { group in
      for _ in 0..<8 {
        group.addTask {
          let scratch = MatchScratch()
          var last: [MatchRange]?
          for _ in 0..<20 {
            last = try? pattern.allMatches(in: text, scratch: scratch)
          }
          return last
        }
      }
      var collected: [[MatchRange]?] = []
      for await result in group {
        collected.append(result)
      }
      return collected
    }
    #expect(results.count == 8)
    for result in results {
      #expect(result == reference)
    }
  }

  /// A pattern whose JIT compilation waits for its first match gives the matches of an eagerly
  /// compiled one, also when many tasks race to make that first match.
  @Test func lazyJITAcrossTasks() async throws {
    let source = #"(?<rate>\d+(?:\.\d+)?)\s*%|保本保息|稳赚不赔|(?<coin>USDT|NFT)"#
    let eager = try CompiledPattern(source, options: .caseless)
    let lazy = try CompiledPattern(source, options: .caseless, lazyJIT: true)
    #expect(!lazy.isJIT)
    let text = String(repeating: "年化收益高达36%，保本保息；usdt日返1.5%🔥稳赚不赔，nft数字藏品。\n", count: 50)
    let reference = try eager.allMatches(in: text, scratch: MatchScratch())
    let results = await withTaskGroup(of: [MatchRange]?.self) { group in
      for _ in 0..<8 {
        group.addTask { try? lazy.allMatches(in: text, scratch: MatchScratch()) }
      }
      var collected: [[MatchRange]?] = []
      for await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 8)
    for result in results { #expect(result == reference) }
  }
}
