package dev.burrow;

/**
 * Prepares the workspace of each new instance (clone or {@code git worktree add} a repository,
 * unpack a template, allocate a port) and tears it down when the instance is deleted. Installed
 * with the generated store's {@code withProvisioner}; the store then guarantees:
 *
 * <ul>
 *   <li>{@link #provision} runs exactly once per successful {@code create}, after the instance is
 *       published (its directories exist at their final paths, so absolute paths recorded by tools
 *       such as git stay valid) and while the creating thread holds the instance's lock: readers
 *       see the instance at once, but anyone who takes its lock (updates, sessions, {@code
 *       lock(id)}) waits until provisioning is done.
 *   <li>If {@code provision} throws, the store calls {@link #teardown} (its failure is added as
 *       suppressed), deletes the instance and throws a {@link ProvisioningException} with the
 *       original failure as cause: {@code create} stays all-or-nothing. A create whose instance was
 *       published but whose flush failed ({@link OutcomeUnknownException}: the instance is in
 *       place, yet may not survive a power cut) is provisioned all the same, and then throws that
 *       exception; if {@code provision} fails, the create is undone as above, the unknown outcome
 *       added as suppressed.
 *   <li>{@link #teardown} runs on {@code delete}, under the instance's lock, before the instance is
 *       removed. If it throws, the delete fails with a {@link ProvisioningException} and the
 *       instance is kept, so the delete can be retried.
 *   <li>Neither hook is handed a directory that could lead it out of the data root: right before
 *       each call, the instance's directory and each declared subdirectory is checked to be a real
 *       directory or missing, as are the directories on the way to them (one {@code lstat} per
 *       directory). If one is a symbolic link or another file (planted by someone who can write the
 *       data root), the hook is not called: {@code delete} throws {@link UnsafePathException} (or,
 *       for the instance's directory itself, {@link StorageException}) naming it and keeps the
 *       instance; {@code create} deletes the instance it published and throws a {@link
 *       ProvisioningException} whose cause is that refusal. What is planted while a hook runs is
 *       not seen: a hook must not follow links deeper in the directory.
 *   <li>A crash of the process while {@code provision} runs leaves the instance published but not
 *       (fully) provisioned; Burrow cannot tell. Make both hooks idempotent, and record completion
 *       in the instance's document if callers must know.
 * </ul>
 *
 * @param <T> the instance type
 */
@FunctionalInterface
public interface WorkspaceProvisioner<T> {

  /**
   * Prepares the new instance's workspace.
   *
   * @param instance the instance as stored (version 1)
   * @param dirs its directory and declared subdirectories, all existing and empty, checked to be
   *     real directories right before the call
   */
  void provision(T instance, InstanceDirectory dirs);

  /**
   * Undoes {@link #provision} before the instance is deleted (or after provisioning failed). Does
   * nothing by default: everything inside the instance directory is removed with it.
   *
   * @param dirs the instance's directory and declared subdirectories, each checked right before the
   *     call to be a real directory or missing
   */
  default void teardown(InstanceDirectory dirs) {}
}
