"""The Children in Need census: build, write, read, validate and import the DfE XML return."""
