import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
describe('smoke', () => { it('tfjs cpu', async () => { await tf.setBackend('cpu'); expect(tf.getBackend()).toBe('cpu'); }); });
