/**
 * Output written as it is made, for commands whose output can be larger than memory (`reach`):
 * text is gathered into chunks of about 64 KiB, and a chunk the pipe cannot take yet is waited
 * for ('drain'), so a slow reader slows the producer instead of queueing output in memory.
 */
const CHUNK_CHARS = 64 * 1024;

export class StreamedOutput {
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

  /** Adds text; resolves at once unless a full chunk had to wait for the reader. */
  write(text: string): Promise<void> | undefined {
    this.pending.push(text);
    this.pendingChars += text.length;
    return this.pendingChars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  /** Writes what is gathered; resolves when the stream can take more. */
  flush(): Promise<void> | undefined {
    if (this.pending.length === 0) return undefined;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (this.stream.write(chunk)) return undefined;
    return new Promise((resolve) => this.stream.once('drain', resolve));
  }
}
