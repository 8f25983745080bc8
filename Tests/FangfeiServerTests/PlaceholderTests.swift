import HummingbirdTesting
import Testing

@testable import FangfeiServer

@Test func serverTargetBuilds() { #expect(Bool(true)) }
