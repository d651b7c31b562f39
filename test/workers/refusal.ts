// Shared by the Workers and Node sides of the same test cases: what a refused tRPC call said.
import { TRPCClientError } from "@trpc/client";

/** The tRPC error code and domain reason of a refused call. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: unknown; reason: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string; reason?: string } | undefined;
      return { code: data?.code, reason: data?.reason };
    }
    throw error;
  }
  throw new Error("expected the call to be refused");
}
