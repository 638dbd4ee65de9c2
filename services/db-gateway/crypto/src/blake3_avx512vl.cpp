// The BLAKE3 eight-chunk kernel with AVX-512VL's native 32-bit rotate on 256-bit registers.
#define GANTRY_KERNEL_TARGET "avx2,avx512f,avx512vl"
#define GANTRY_KERNEL_NAMESPACE avx512vl
#define GANTRY_KERNEL_NATIVE_ROTATE 1
#include "blake3_x86_kernel.inc"
