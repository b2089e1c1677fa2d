"""The daily children's social care data feed (DfE CSC API payload)."""
