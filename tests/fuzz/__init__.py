"""The contract fuzzer's machinery: API discovery, value strategies and the guarded call."""
