// The BLAKE3 eight-chunk kernel for AVX2.
#define GANTRY_KERNEL_TARGET "avx2"
#define GANTRY_KERNEL_NAMESPACE avx2
#define GANTRY_KERNEL_NATIVE_ROTATE 0
#include "blake3_x86_kernel.inc"
