package dev.fnlens.query.exec;

import java.util.Arrays;

/**
 * The identity of a stats group: the normalised key values (see {@code Values.key}). Stats fills one mutable probe
 * per event and copies it only for a new group, so looking up an existing group allocates nothing.
 */
final class GroupKey {

    final Object[] values;
    private int hash;

    GroupKey(int size) {
        this.values = new Object[size];
    }

    void rehash() {
        hash = Arrays.hashCode(values);
    }

    GroupKey copy() {
        GroupKey k = new GroupKey(values.length);
        System.arraycopy(values, 0, k.values, 0, values.length);
        k.hash = hash;
        return k;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKey k && k.hash == hash && Arrays.equals(k.values, values);
    }
}
