package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"go.uber.org/fx"

	"bazaar/modules/accounts"
	"bazaar/platform/config"
)

// usersCmd manages users from the shell, so a fresh install gets its first
// admin without the web.
func usersCmd() *cobra.Command {
	users := &cobra.Command{Use: "users", Short: "Manage users"}
	var email, password, name, role string
	create := &cobra.Command{
		Use:   "create",
		Short: "Create a user (migrates first): bazaar users create --email E --password P --role admin",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			roles := []string{accounts.RoleCustomer}
			switch role {
			case accounts.RoleCustomer:
			case accounts.RoleStaff, accounts.RoleAdmin:
				roles = append(roles, role)
			default:
				return fmt.Errorf("--role must be customer, staff or admin, not %q", role)
			}
			if name == "" {
				name, _, _ = strings.Cut(email, "@")
			}
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			var p accounts.Provisioner
			return once(cfg, func(ctx context.Context) error {
				u, err := p.CreateUser(ctx, email, password, name, roles)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "created user %s <%s> with roles %s\n", u.ID, u.Email, strings.Join(u.Roles, ","))
				}
				return err
			}, fx.Populate(&p))
		},
	}
	create.Flags().StringVar(&email, "email", "", "email address (required)")
	create.Flags().StringVar(&password, "password", "", "password, at least 10 characters (required)")
	create.Flags().StringVar(&name, "name", "", "display name (default: the email's local part)")
	create.Flags().StringVar(&role, "role", accounts.RoleCustomer, "customer, staff or admin")
	_ = create.MarkFlagRequired("email")
	_ = create.MarkFlagRequired("password")
	users.AddCommand(create)
	return users
}
