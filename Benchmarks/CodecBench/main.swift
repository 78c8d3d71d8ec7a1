import ImageCodecs
print("CodecBench: not built yet")
