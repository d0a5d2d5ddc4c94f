import { useUserName } from '../lib/reference-data';

/** A user's name from an id; a short id while unknown (e.g. a user the reader may not look up). */
export const UserName = ({ id }: { id: string }) => {
  const name = useUserName(id);
  return <span title={name ? undefined : id}>{name ?? `${id.slice(0, 8)}…`}</span>;
};
