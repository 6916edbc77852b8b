/** `wirewatch scheduler`: keeps the Job Schedulers in line with the config, runs no jobs. */
import { makeRunCommand } from './start.js';

export default makeRunCommand('scheduler');
