// Allocation of tensor storage inside wasm linear memory, done from
// JavaScript so the kernels never allocate. Blocks come in power-of-two
// size classes (16 bytes to the largest tensor), each class with a free
// list; new blocks are carved from the top of the heap, and the memory grows
// when the top reaches its end. Growing detaches every existing view of the
// memory, which is why the backend re-creates views on each read.

const MIN_BLOCK = 16; // bytes: the alignment v128 loads like best
const PAGE = 65536;

export class WasmAllocator {
  private top: number;
  private readonly free = new Map<number, number[]>();
  /** Bytes requested by live allocations (what a scope must give back). */
  requested = 0;
  /** Bytes of blocks handed out, including the rounding to a size class. */
  reserved = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    heapBase: number,
    /** Zeroes a block (the kernels' bulk-memory fill, cheaper than a typed-array fill). */
    private readonly zero: (ptr: number, bytes: number) => void,
  ) {
    this.top = Math.ceil(heapBase / MIN_BLOCK) * MIN_BLOCK;
  }

  static blockSize(bytes: number): number {
    let size = MIN_BLOCK;
    while (size < bytes) size *= 2;
    return size;
  }

  /** A block of at least `bytes` bytes, zero-filled unless `zeroed` is false; returns its byte offset. */
  alloc(bytes: number, zeroed = true): number {
    const size = WasmAllocator.blockSize(bytes);
    const reused = this.free.get(size)?.pop();
    let ptr: number;
    if (reused !== undefined) {
      ptr = reused;
    } else {
      ptr = this.top;
      this.top += size;
      const missing = this.top - this.memory.buffer.byteLength;
      if (missing > 0) this.memory.grow(Math.ceil(missing / PAGE));
    }
    // Fresh blocks from the top are already zero: wasm memory grows zeroed.
    if (zeroed && reused !== undefined) this.zero(ptr, bytes);
    this.requested += bytes;
    this.reserved += size;
    return ptr;
  }

  release(ptr: number, bytes: number): void {
    const size = WasmAllocator.blockSize(bytes);
    let list = this.free.get(size);
    if (!list) this.free.set(size, (list = []));
    list.push(ptr);
    this.requested -= bytes;
    this.reserved -= size;
  }

  /** Bytes of linear memory in use by the heap, free blocks included. */
  get heapBytes(): number {
    return this.top;
  }
}
