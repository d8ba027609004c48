package io.visionstream.ingest;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bounded hand-over between a camera's decoder and its publisher. When Kafka or the job is slower than the
 * camera the oldest frame is dropped, never the newest: a monitoring consumer wants the present, and memory stays
 * at {@code capacity} frames whatever the broker does.
 */
public final class DropOldestQueue<T> {
    private final ArrayDeque<T> items;
    private final int capacity;
    private final Consumer<T> onDrop;

    /** {@code onDrop} is told each frame pushed out (to count it); it runs under the queue's lock, keep it short. */
    public DropOldestQueue(int capacity, Consumer<T> onDrop) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.items = new ArrayDeque<>(capacity);
        this.capacity = capacity;
        this.onDrop = onDrop;
    }

    /** Adds {@code item}, dropping the oldest first where the queue is full. Never blocks. */
    public synchronized void put(T item) {
        if (items.size() == capacity) {
            onDrop.accept(items.pollFirst());
        }
        items.addLast(item);
        notifyAll();
    }

    /** The oldest item, waiting up to {@code timeout}; null when none came. */
    public synchronized T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (items.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return items.pollFirst();
    }

    public synchronized int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }
}
