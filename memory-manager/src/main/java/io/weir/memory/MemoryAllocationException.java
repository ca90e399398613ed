package io.weir.memory;

/**
 * A request for managed memory that the budget cannot satisfy. The message names the owner, the
 * request, what is free and the budget, and the option that changes the budget. Operators that can
 * work with less memory ask with {@link MemoryManager#tryAllocatePages} instead.
 */
public final class MemoryAllocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MemoryAllocationException(String message) {
        super(message);
    }

    public MemoryAllocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
