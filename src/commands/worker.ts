/** `wirewatch worker [--queues ...]`: workers only, for scaling out. */
import { makeRunCommand } from './start.js';

export default makeRunCommand('worker');
