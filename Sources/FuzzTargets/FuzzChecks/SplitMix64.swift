/// A small deterministic generator, seeded from the fuzz input so that a saved input replays
/// exactly the same checks (and used by property tests with a fixed seed).
package struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  /// Starts from `seed`.
  package init(seed: UInt64) { state = seed }

  /// Seeds the generator with the FNV-1a hash of `bytes`.
  package init(seedingFrom bytes: UnsafeBufferPointer<UInt8>) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      hash ^= UInt64(b)
      hash &*= 0x0000_0100_0000_01b3
    }
    state = hash
  }

  package mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
