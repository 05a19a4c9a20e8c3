import { describe, expect, it } from 'vitest';
import { sharedChannel } from '@/components/widgets/kit/shared-data';

describe('shared data channels', () => {
  it('are created lazily, one per name, and start empty', () => {
    const a = sharedChannel<number>('test/lazy');
    expect(a.get()).toBeUndefined();
    expect(sharedChannel<number>('test/lazy')).toBe(a);
    expect(sharedChannel<number>('test/other')).not.toBe(a);
  });

  it('hold the latest value and tell subscribers of every publish and clear', () => {
    const channel = sharedChannel<string>('test/latest');
    const heard: (string | undefined)[] = [];
    const unsubscribe = channel.subscribe((v) => heard.push(v));
    channel.publish('a');
    channel.publish('b');
    expect(channel.get()).toBe('b');
    channel.clear();
    channel.clear(); // already empty: nobody is told twice
    expect(channel.get()).toBeUndefined();
    unsubscribe();
    channel.publish('c');
    expect(heard).toEqual(['a', 'b', undefined]);
    expect(channel.get()).toBe('c');
  });

  it('a late subscriber reads the value published before it came', () => {
    const channel = sharedChannel<number[]>('test/late');
    channel.publish([1, 2]);
    expect(sharedChannel<number[]>('test/late').get()).toEqual([1, 2]);
  });

  it('a listener that unsubscribes while being told does not stop the others', () => {
    const channel = sharedChannel<number>('test/unsubscribe-during');
    const heard: string[] = [];
    const first = channel.subscribe(() => {
      heard.push('first');
      first();
    });
    channel.subscribe(() => heard.push('second'));
    channel.publish(1);
    channel.publish(2);
    expect(heard).toEqual(['first', 'second', 'second']);
  });
});
