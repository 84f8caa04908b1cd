/**
 * In place of a page's lists when the store's directory does not read (LPG_DATA_DIR missing, not a directory, not
 * readable): the reason, which a production build's error page would hide behind a reference number.
 */
import { EmptyState } from "@/components/empty-state";

export function StoreUnusable({ error }: { error: string }) {
  return (
    <EmptyState title="The snapshot store cannot be used" level={2}>
      <p role="alert" data-testid="store-unusable">
        The server {error}.
      </p>
    </EmptyState>
  );
}
