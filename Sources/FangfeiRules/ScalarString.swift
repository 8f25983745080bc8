/// A string made of `scalars`, built through their UTF-8: much cheaper than
/// `String(String.UnicodeScalarView(scalars))`, whose generic `append(contentsOf:)` is not
/// specialised and costs thousands of instructions per call (it dominated loading a pack).
package func scalarString<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
  var bytes: [UInt8] = []
  bytes.reserveCapacity(scalars.count * 3)
  for c in scalars { UTF8.encode(c) { bytes.append($0) } }
  return String(decoding: bytes, as: UTF8.self)
}
